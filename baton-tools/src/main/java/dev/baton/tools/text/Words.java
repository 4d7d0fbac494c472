package dev.baton.tools.text;

import java.util.ArrayList;
import java.util.List;

/** Splits folded text into words: runs of letters and digits (Hebrew geresh and gershayim kept). */
public final class Words {
  private Words() {}

  public static List<String> of(String text) {
    List<String> words = new ArrayList<>();
    String folded = Folding.fold(text);
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      boolean inWord = Character.isLetterOrDigit(c)
          || ((c == '\'' || c == '"' || c == '׳' || c == '״') && !current.isEmpty());
      if (inWord) {
        current.append(c);
      } else if (!current.isEmpty()) {
        words.add(trimQuotes(current.toString()));
        current.setLength(0);
      }
    }
    if (!current.isEmpty()) {
      words.add(trimQuotes(current.toString()));
    }
    words.removeIf(String::isEmpty);
    return words;
  }

  private static String trimQuotes(String w) {
    int end = w.length();
    while (end > 0 && !Character.isLetterOrDigit(w.charAt(end - 1))) {
      end--;
    }
    return w.substring(0, end);
  }
}
