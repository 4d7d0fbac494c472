package dev.baton.core.text;

/**
 * Text from tools, documents and models made safe to show a person: characters a reader cannot see
 * (zero-width spaces and joiners, bidirectional controls, other format characters, terminal
 * control codes) are replaced by a visible tag such as {@code ⟦U+200B ZERO WIDTH SPACE⟧}, so an
 * instruction hidden in a document or a line reordered by a bidi override shows for what it is.
 * Pure and thread-safe. Every surface that shows such text uses this one class.
 */
public final class Visible {
  /** The mark put where a shortened text was cut. */
  public static final String CUT = "…";

  private Visible() {}

  /**
   * The text with every invisible or control character tagged; line breaks and tabs are kept, so a
   * document keeps its lines. Null becomes the empty string.
   */
  public static String text(String s) {
    return escape(s, false);
  }

  /** As {@link #text}, for a single line: line breaks are shown as {@code ⏎} too. */
  public static String line(String s) {
    return escape(s, true);
  }

  /** Whether the text holds any character {@link #text} would tag. */
  public static boolean hasHidden(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (name(cp, false) != null) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /**
   * User input echoed in a message: tagged as by {@link #line}, and cut after {@code max}
   * characters with how long it was, so a 5 MB id does not flood a terminal or a log.
   */
  public static String shorten(String s, int max) {
    if (s == null) {
      return "";
    }
    if (s.length() <= max) {
      return line(s);
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return line(s.substring(0, end)) + CUT + " (" + String.format(java.util.Locale.ROOT, "%,d",
        s.length()) + " characters)";
  }

  /** {@link #shorten} at 80 characters: for ids, names and values quoted in errors. */
  public static String quote(String s) {
    return shorten(s, 80);
  }

  private static String escape(String s, boolean oneLine) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      String tag = name(cp, oneLine);
      if (tag != null) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(tag);
      } else if (out != null) {
        out.appendCodePoint(cp);
      }
      i += n;
    }
    return out == null ? s : out.toString();
  }

  /** The visible tag for a character that must not pass as it is; null for ordinary ones. */
  private static String name(int cp, boolean oneLine) {
    if (cp == '\n') {
      return oneLine ? "⏎" : null;
    }
    if (cp == '\t') {
      return oneLine ? "⇥" : null;
    }
    if (cp == '\r') {
      return oneLine ? "⏎" : "";
    }
    int type = Character.getType(cp);
    boolean hidden = type == Character.CONTROL || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
        || type == Character.SURROGATE
        // why: blank but not spaces to the eye, or shown as nothing by many fonts
        || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800
        || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    if (!hidden) {
      return null;
    }
    // why: ZWJ inside emoji sequences and variation selectors are common and harmless, but a
    // reviewer cannot tell them from hidden payload, so they are tagged like the rest
    String name = Character.getName(cp);
    return "⟦U+" + String.format(java.util.Locale.ROOT, "%04X", cp)
        + (name == null ? "" : " " + name) + "⟧";
  }
}
