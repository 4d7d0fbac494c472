package dev.baton.tools.editor;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import dev.baton.tools.workspace.AtomicFiles;
import dev.baton.tools.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code editor.write}: writes a document (title, introduction, sections of items) into the
 * workspace as Markdown or .docx, atomically. An existing file is replaced only with
 * {@code overwrite}, or when this same step wrote it before (a retry), so the side effect is
 * idempotent.
 */
public final class WriteDocumentTool
    extends TypedTool<WriteDocumentTool.Input, WriteDocumentTool.Output> {
  private final Workspace workspace;

  public WriteDocumentTool(Workspace workspace) {
    super("editor.write", "Writes a document (title, intro, sections with items) into the"
        + " workspace as Markdown (.md) or Word (.docx), e.g. a meeting agenda.", Input.class,
        Output.class, ToolOptions.sideEffecting().build());
    this.workspace = workspace;
  }

  /**
   * @param path workspace-relative file name ending in .md or .docx
   * @param title the document's title
   * @param intro a paragraph under the title
   * @param sections headed lists, in order
   * @param overwrite replace an existing file; false if absent
   */
  public record Input(String path, String title, Optional<String> intro, List<Section> sections,
      Optional<Boolean> overwrite) {}

  /** A heading and its items (shown as a numbered list). */
  public record Section(String heading, List<String> items) {}

  /** Where the document was written, its format and size. */
  public record Output(String path, String format, long bytes) {}

  @Override
  protected Set<String> resourcesOf(Input input) {
    return Set.of("workspace:" + input.path());
  }

  /** Which file, titled what, with how many sections, and whether it replaces one. */
  @Override
  protected Optional<String> previewOf(Input in) {
    Path target = workspace.resolve(in.path());
    int items = in.sections().stream().mapToInt(sec -> sec.items().size()).sum();
    return Optional.of("writes " + workspace.relative(target) + ": \u201c" + in.title()
        + "\u201d, " + in.sections().size() + " sections, " + items + " items"
        + (Files.exists(target) ? " (replaces the existing file)" : ""));
  }

  @Override
  protected Output run(Input in, ToolContext ctx) throws IOException {
    Path target = workspace.resolve(in.path());
    String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean docx = name.endsWith(".docx");
    if (!docx && !name.endsWith(".md")) {
      throw ToolFailure.permanent("editor.write writes .md or .docx files, not '" + in.path()
          + "'");
    }
    var doc = new Outline(in.title(), in.intro().orElse(""), in.sections());
    byte[] bytes = docx ? DocxRenderer.render(doc, ctx.idempotencyKey())
        : MarkdownRenderer.render(doc).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (Files.exists(target) && !in.overwrite().orElse(false)
        && !writtenBySameStep(target, docx, bytes, ctx.idempotencyKey())) {
      throw ToolFailure.permanent("'" + in.path() + "' exists; choose another name or set"
          + " overwrite");
    }
    AtomicFiles.write(target, bytes);
    return new Output(workspace.relative(target), docx ? "docx" : "markdown", bytes.length);
  }

  private static boolean writtenBySameStep(Path target, boolean docx, byte[] bytes, String key)
      throws IOException {
    if (docx) {
      return DocxRenderer.writtenWith(target, key);
    }
    return java.util.Arrays.equals(Files.readAllBytes(target), bytes);
  }
}
