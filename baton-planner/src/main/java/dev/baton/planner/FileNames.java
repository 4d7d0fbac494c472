package dev.baton.planner;

import java.text.Normalizer;
import java.util.Locale;

/**
 * File names made from titles. Letters of every script are kept (a Hebrew title gives a Hebrew
 * name, not an empty one), marks such as niqqud dropped, everything else folded to single '-'.
 * Pure.
 */
final class FileNames {
  /** Longest slug, in characters, so a long title still makes a usable name. */
  static final int MAX = 60;

  private FileNames() {}

  /** A slug of {@code title}, or {@code fallback} when nothing of it is a letter or digit. */
  static String slug(String title, String fallback) {
    String decomposed = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD)
        .replaceAll("\\p{M}+", "");
    String s = decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
        .replaceAll("^-+|-+$", "");
    if (s.length() > MAX) {
      s = s.substring(0, MAX).replaceAll("-+$", "");
    }
    return s.isEmpty() ? fallback : s;
  }
}
