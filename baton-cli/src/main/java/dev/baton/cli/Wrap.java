package dev.baton.cli;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Breaks long lines at word boundaries (as a line-break iterator sees them, so Hebrew and English
 * alike), never inside a word unless the word alone is wider than the line. Pure.
 */
final class Wrap {
  static final int DEFAULT_WIDTH = 100;

  private Wrap() {}

  /** The terminal's width from {@code COLUMNS}, else {@link #DEFAULT_WIDTH}. */
  static int width() {
    try {
      String columns = System.getenv("COLUMNS");
      int w = columns == null ? DEFAULT_WIDTH : Integer.parseInt(columns.strip());
      return Math.max(40, w);
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  /**
   * The text's lines (existing line breaks kept), each no wider than {@code width} including the
   * indent; continuation lines get {@code indent} as well.
   */
  static List<String> lines(String text, int width, String indent) {
    List<String> out = new ArrayList<>();
    int room = Math.max(10, width - indent.length());
    for (String line : text.split("\n", -1)) {
      wrapOne(line, room, indent, out);
    }
    return out;
  }

  /** As {@link #lines}, with the first line prefixed by {@code first} and later ones by spaces. */
  static List<String> hanging(String first, String text, int width) {
    String indent = " ".repeat(first.length());
    List<String> body = lines(text, width, indent);
    if (!body.isEmpty()) {
      body.set(0, first + body.getFirst().substring(indent.length()));
    }
    return body;
  }

  private static void wrapOne(String line, int room, String indent, List<String> out) {
    if (line.length() <= room) {
      out.add(indent + line);
      return;
    }
    BreakIterator breaks = BreakIterator.getLineInstance(Locale.ROOT);
    breaks.setText(line);
    StringBuilder current = new StringBuilder();
    int start = breaks.first();
    for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
      String piece = line.substring(start, end);
      if (current.length() + piece.stripTrailing().length() > room && !current.isEmpty()) {
        out.add(indent + current.toString().stripTrailing());
        current.setLength(0);
      }
      while (piece.length() > room) {
        // why: a word wider than the line (a URL, a long id) is cut, not lost
        out.add(indent + piece.substring(0, room));
        piece = piece.substring(room);
      }
      current.append(piece);
    }
    if (!current.isEmpty() || out.isEmpty()) {
      out.add(indent + current.toString().stripTrailing());
    }
  }
}
