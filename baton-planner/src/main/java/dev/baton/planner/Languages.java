package dev.baton.planner;

/** Which language a request is in: the script most of its letters are written in. Pure. */
final class Languages {
  static final String HEBREW = "he";
  static final String ENGLISH = "en";

  private Languages() {}

  /** "he" when Hebrew letters are at least as many as Latin ones, else "en". */
  static String detect(String text) {
    int hebrew = 0;
    int latin = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\u05D0' && c <= '\u05EA') {
        hebrew++;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        latin++;
      }
    }
    return hebrew > 0 && hebrew >= latin ? HEBREW : ENGLISH;
  }
}
