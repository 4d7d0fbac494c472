package dev.baton.tools.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text for comparison in Hebrew and English alike: strips niqqud, cantillation and Latin
 * accents, maps Hebrew final letters to their ordinary forms (ך→כ ם→מ ן→נ ף→פ ץ→צ) and lower-cases.
 */
public final class Folding {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private Folding() {}

  public static String fold(String text) {
    String stripped = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    return finalsToOrdinary(stripped).toLowerCase(Locale.ROOT);
  }

  /** Maps the five Hebrew final letters to their ordinary forms, leaving everything else. */
  public static String finalsToOrdinary(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      sb.append(ordinary(text.charAt(i)));
    }
    return sb.toString();
  }

  public static char ordinary(char c) {
    return switch (c) {
      case 'ך' -> 'כ';
      case 'ם' -> 'מ';
      case 'ן' -> 'נ';
      case 'ף' -> 'פ';
      case 'ץ' -> 'צ';
      default -> c;
    };
  }

  public static boolean isHebrew(char c) {
    return c >= '\u0590' && c <= '\u05FF';
  }

  public static boolean containsHebrew(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isHebrew(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
