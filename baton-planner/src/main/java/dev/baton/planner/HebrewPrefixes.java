package dev.baton.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * Hebrew writes "and", "the", "in", "to", "from", "that" and "as" (ו ה ב ל מ ש כ) as letters glued
 * to the next word: ובתבואות is "and in Tevuot". A word's forms are the word itself and the word
 * without up to three such letters, longest first, so a lexicon or a back end can be asked for
 * each in turn. Pure.
 */
final class HebrewPrefixes {
  static final String LETTERS = "והבלמשכ";
  /** Shorter stems than this are left alone: "של" is a word, not ש + ל. */
  private static final int MIN_STEM = 2;
  private static final int MAX_PREFIXES = 3;

  private HebrewPrefixes() {}

  /** The word and its shorter forms without leading prefix letters (or a "ב-" style hyphen). */
  static List<String> forms(String word) {
    List<String> forms = new ArrayList<>();
    forms.add(word);
    String rest = word;
    for (int i = 0; i < MAX_PREFIXES && rest.length() > MIN_STEM; i++) {
      if (LETTERS.indexOf(rest.charAt(0)) < 0) {
        break;
      }
      rest = rest.substring(1);
      if (rest.startsWith("-") || rest.startsWith("־")) {
        rest = rest.substring(1);
      }
      if (rest.length() >= MIN_STEM || (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit))) {
        // why: "ב-9" is "at 9": a number keeps its one digit
        forms.add(rest);
      }
    }
    return forms;
  }

  /** The prefix letters stripped to reach {@code form} (empty when it is the word itself). */
  static String prefixOf(String word, String form) {
    return word.endsWith(form) ? word.substring(0, word.length() - form.length()) : "";
  }
}
