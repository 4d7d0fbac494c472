package dev.baton.planner;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request cut into words, each with its folded forms (lower-case, no niqqud, Hebrew final letters
 * as ordinary ones, Hebrew prefixes stripped, English "'s" dropped). Dates such as 26/1 and times
 * such as 10:30 stay one word. Pure.
 */
record RequestWords(String text, List<Word> words) {
  private static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{N}]+(?:['׳’\"״:./\\-־][\\p{L}\\p{N}]+)*");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  RequestWords {
    words = List.copyOf(words);
  }

  /** One word as typed, where it stands, and the forms to look it up by (as typed first). */
  record Word(int index, String raw, List<String> forms) {
    String folded() {
      return forms.getFirst();
    }

    boolean is(String form) {
      return forms.contains(form);
    }

    boolean hebrew() {
      return RequestWords.hebrew(raw);
    }
  }

  static RequestWords of(String text) {
    List<Word> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String raw = m.group();
      words.add(new Word(words.size(), raw, forms(fold(raw))));
    }
    return new RequestWords(text, words);
  }

  int size() {
    return words.size();
  }

  Word get(int i) {
    return words.get(i);
  }

  private static List<String> forms(String folded) {
    if (hebrew(folded)) {
      return HebrewPrefixes.forms(folded);
    }
    for (String suffix : List.of("'s", "’s")) {
      if (folded.endsWith(suffix) && folded.length() > suffix.length()) {
        return List.of(folded, folded.substring(0, folded.length() - suffix.length()));
      }
    }
    return List.of(folded);
  }

  /** Lower-case, no niqqud or accents, Hebrew finals as ordinary letters, geresh as apostrophe. */
  static String fold(String text) {
    String s = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(switch (c) {
        case 'ך' -> 'כ';
        case 'ם' -> 'מ';
        case 'ן' -> 'נ';
        case 'ף' -> 'פ';
        case 'ץ' -> 'צ';
        case '׳', '’' -> '\'';
        case '״' -> '"';
        default -> c;
      });
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  static boolean hebrew(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\u05D0' && c <= '\u05EA') {
        return true;
      }
    }
    return false;
  }
}
