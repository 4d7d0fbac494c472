package dev.baton.tools.editor;

/** Renders an outline as Markdown. Pure. */
final class MarkdownRenderer {
  private MarkdownRenderer() {}

  static String render(Outline doc) {
    StringBuilder sb = new StringBuilder("# ").append(doc.title().strip()).append("\n\n");
    if (!doc.intro().isBlank()) {
      sb.append(doc.intro().strip()).append("\n\n");
    }
    for (var s : doc.sections()) {
      sb.append("## ").append(s.heading().strip()).append("\n\n");
      for (int i = 0; i < s.items().size(); i++) {
        sb.append(i + 1).append(". ").append(s.items().get(i).strip().replace("\n", " "))
            .append('\n');
      }
      sb.append('\n');
    }
    // why: marked as Baton's, so a search for what people did leaves it out (see BatonOutput)
    sb.append("<!-- ").append(dev.baton.tools.files.BatonOutput.MARKER).append(" -->\n");
    return sb.toString();
  }
}
