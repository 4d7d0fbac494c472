package dev.baton.dashboard;

import java.util.Locale;

/** The dashboard's two languages; Hebrew is written right to left. */
public enum Lang {
  HE("he", "rtl"),
  EN("en", "ltr");

  /** The cookie a person's choice is kept in (set by the language link). */
  public static final String COOKIE = "baton_lang";

  private final String code;
  private final String dir;

  Lang(String code, String dir) {
    this.code = code;
    this.dir = dir;
  }

  public String code() {
    return code;
  }

  public String dir() {
    return dir;
  }

  public boolean rtl() {
    return this == HE;
  }

  public Lang other() {
    return this == HE ? EN : HE;
  }

  /** The language named by {@code code} ("he", "iw", "en", any case), or null. */
  public static Lang of(String code) {
    if (code == null) {
      return null;
    }
    String c = code.trim().toLowerCase(Locale.ROOT);
    if (c.startsWith("he") || c.startsWith("iw")) {
      return HE;
    }
    if (c.startsWith("en")) {
      return EN;
    }
    return null;
  }

  /**
   * The language to show: the cookie's when it names one, else the first of the browser's
   * {@code Accept-Language} ranges (highest quality first) that names Hebrew or English, else
   * English.
   */
  public static Lang pick(String cookie, String acceptLanguage) {
    Lang chosen = of(cookie);
    if (chosen != null) {
      return chosen;
    }
    if (acceptLanguage != null && !acceptLanguage.isBlank()) {
      try {
        for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
          Lang l = of(range.getRange());
          if (l != null && range.getWeight() > 0) {
            return l;
          }
        }
      } catch (IllegalArgumentException malformed) {
        // why: a malformed header is the browser's problem, not a reason to refuse the page
      }
    }
    return EN;
  }
}
