package dev.baton.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A step's human title in Hebrew and English; either may be null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Title(String he, String en) {
  public static final Title NONE = new Title(null, null);

  /** The title in the language asked for ("he" or "en"), falling back to the other one. */
  public String in(String language) {
    String first = "he".equals(language) ? he : en;
    String second = "he".equals(language) ? en : he;
    return first != null ? first : second;
  }
}
