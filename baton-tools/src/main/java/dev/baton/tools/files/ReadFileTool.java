package dev.baton.tools.files;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.util.Optional;

/** {@code files.read}: the text of one document (.md, .txt, .docx, .pdf and more). */
public final class ReadFileTool extends TypedTool<ReadFileTool.Input, ReadFileTool.Output> {
  static final int DEFAULT_MAX_CHARS = 20_000;

  private final Drive drive;

  public ReadFileTool(Drive drive) {
    super("files.read", "Reads the text of a workspace document (.md, .txt, .docx, .pdf, ...).",
        Input.class, Output.class, ToolOptions.readOnly().build());
    this.drive = drive;
  }

  /**
   * @param path workspace-relative path
   * @param maxChars cut the text after this many characters; 20000 if absent
   */
  public record Input(String path, Optional<Integer> maxChars) {}

  /** The text (perhaps cut, then {@code truncated}), and the ISO date the document is about. */
  public record Output(String path, String text, String date, boolean truncated) {}

  @Override
  protected Output run(Input in, ToolContext ctx) {
    Drive.Text t = drive.read(in.path());
    int max = Math.max(1, in.maxChars().orElse(DEFAULT_MAX_CHARS));
    boolean cut = t.text().length() > max;
    return new Output(t.path(), cut ? t.text().substring(0, max) : t.text(), t.date(), cut);
  }
}
