package dev.baton.tools.files;

/**
 * How Baton marks what it writes (agendas, summaries), so that a search for what people did finds
 * their documents, not Baton's own output read back as history. A document is Baton's when its text
 * carries {@link #MARKER}: an HTML comment at the end of Markdown, a last line in a .docx.
 */
public final class BatonOutput {
  /** The mark in a document's text. */
  public static final String MARKER = "written-by: baton";

  private BatonOutput() {}

  /** Whether the text is one Baton wrote. */
  public static boolean marked(String text) {
    return text != null && text.contains(MARKER);
  }
}
