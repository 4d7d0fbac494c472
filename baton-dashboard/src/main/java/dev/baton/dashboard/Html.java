package dev.baton.dashboard;

/**
 * Escaping for text put into HTML or SVG by Java code (the templates escape their own output).
 * Everything a tool, document or model produced passes through here before it reaches a page.
 */
public final class Html {
  private Html() {}

  /** Text safe inside an element or a quoted attribute. Null becomes the empty string. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // why: control characters other than tab and newline have no business in a page
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
