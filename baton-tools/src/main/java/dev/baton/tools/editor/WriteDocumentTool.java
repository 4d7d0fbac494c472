package dev.baton.tools.editor;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.baton.core.error.BatonException;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import dev.baton.tools.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code editor.write}: writes a document (title, introduction, sections of items) into the
 * workspace as Markdown or .docx, atomically and never through a link (see {@link Workspace}).
 *
 * <p>An existing file is replaced only with {@code overwrite}. Otherwise a taken name never fails
 * the step (which may come after a meeting was booked): the document goes to the next free name
 * ({@code agenda-2.md}, {@code agenda-3.md}, …), claimed atomically, and the output says which. A
 * retry of the same step finds the file it wrote before instead of writing another, so the side
 * effect happens once. The preview shows the whole document (or a diff against the file it
 * replaces) and the name it will go to, so approving it approves exactly what is written.
 */
public final class WriteDocumentTool
    extends TypedTool<WriteDocumentTool.Input, WriteDocumentTool.Output> {
  /** The most names tried before giving up (agenda.md, agenda-2.md, …). */
  static final int MAX_NAMES = 1_000;

  private final Workspace workspace;

  public WriteDocumentTool(Workspace workspace) {
    super("editor.write", "Writes a document (title, intro, sections with items) into the"
        + " workspace as Markdown (.md) or Word (.docx), e.g. a meeting agenda. A taken name is"
        + " never replaced without overwrite: the next free name is used instead.", Input.class,
        Output.class, ToolOptions.sideEffecting().build());
    this.workspace = workspace;
  }

  /**
   * @param path workspace-relative file name ending in .md or .docx
   * @param title the document's title
   * @param intro a paragraph under the title
   * @param sections headed lists, in order
   * @param overwrite replace an existing file; false if absent (a free name is used instead)
   */
  public record Input(String path, String title, Optional<String> intro, List<Section> sections,
      Optional<Boolean> overwrite) {}

  /** A heading and its items (shown as a numbered list). */
  public record Section(String heading, List<String> items) {}

  /**
   * Where the document was written, its format and size; {@code renamed} when the name asked for
   * was taken and the next free one was used.
   */
  public record Output(String path, String format, long bytes, boolean renamed) {}

  @Override
  protected Set<String> resourcesOf(Input input) {
    return Set.of("workspace:" + input.path());
  }

  /**
   * The name it goes to now, whether it replaces a file, and the whole document (for a
   * replacement, a diff against the file it replaces).
   */
  @Override
  protected Optional<String> previewOf(Input in) {
    String asked = workspace.relative(workspace.resolve(in.path()));
    boolean docx = format(in.path());
    String text = MarkdownRenderer.render(outline(in));
    StringBuilder sb = new StringBuilder();
    boolean exists = workspace.exists(asked);
    boolean replace = in.overwrite().orElse(false);
    if (exists && replace) {
      sb.append("replaces ").append(asked).append(" (overwrite is set); the changes:\n");
      sb.append(diff(asked, text, docx));
    } else {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      String target = asked;
      for (int n = 1; n <= MAX_NAMES; n++) {
        target = numbered(asked, n);
        if (!workspace.exists(target)) {
          break;
        }
        if (!docx && sameBytes(target, bytes)) {
          sb.append(target).append(" already holds exactly this document; it is kept and"
              + " nothing is written. The document:\n").append(text);
          return Optional.of(sb.toString());
        }
      }
      sb.append("writes a new file ").append(target);
      if (!target.equals(asked)) {
        sb.append(" (").append(asked).append(" exists and is kept)");
      }
      sb.append("; if that name is taken by the time it runs, the next free name is used and no"
          + " file is replaced");
      sb.append(docx ? ". The Word document's text:\n" : ". The document:\n");
      sb.append(text);
    }
    return Optional.of(sb.toString());
  }

  @Override
  protected Output run(Input in, ToolContext ctx) throws IOException {
    String asked = workspace.relative(workspace.resolve(in.path()));
    boolean docx = format(in.path());
    byte[] bytes = docx ? DocxRenderer.render(outline(in), ctx.idempotencyKey())
        : MarkdownRenderer.render(outline(in)).getBytes(StandardCharsets.UTF_8);
    String format = docx ? "docx" : "markdown";
    if (in.overwrite().orElse(false)) {
      workspace.write(asked, bytes, Workspace.IfExists.REPLACE);
      return new Output(asked, format, bytes.length, false);
    }
    for (int n = 1; n <= MAX_NAMES; n++) {
      String candidate = numbered(asked, n);
      try {
        workspace.write(candidate, bytes, Workspace.IfExists.FAIL);
        if (n > 1) {
          ctx.log().info(asked + " exists; wrote " + candidate + " instead");
        }
        return new Output(candidate, format, bytes.length, n > 1);
      } catch (FileAlreadyExistsException taken) {
        if (writtenBySameStep(candidate, docx, bytes, ctx.idempotencyKey())) {
          return new Output(candidate, format, bytes.length, n > 1);
        }
      }
    }
    throw ToolFailure.permanent("no free name for " + asked + " after " + MAX_NAMES + " tries");
  }

  private static Outline outline(Input in) {
    return new Outline(in.title(), in.intro().orElse(""), in.sections());
  }

  /** True for .docx, false for .md; anything else is refused. */
  private static boolean format(String path) {
    String name = path.toLowerCase(Locale.ROOT).strip();
    if (name.endsWith(".docx")) {
      return true;
    }
    if (name.endsWith(".md")) {
      return false;
    }
    throw ToolFailure.permanent("editor.write writes .md or .docx files, not '"
        + dev.baton.core.text.Visible.quote(path) + "'");
  }

  private boolean sameBytes(String path, byte[] bytes) {
    try {
      return Arrays.equals(workspace.read(path), bytes);
    } catch (BatonException notAFile) {
      return false;
    }
  }

  /** {@code agendas/x.md} for 1, {@code agendas/x-2.md} for 2, and so on. */
  static String numbered(String path, int n) {
    if (n == 1) {
      return path;
    }
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    if (dot <= slash + 1) {
      return path + "-" + n;
    }
    return path.substring(0, dot) + "-" + n + path.substring(dot);
  }

  /** A unified diff from the file now at {@code path} to the new text. */
  private String diff(String path, String text, boolean docx) {
    List<String> before;
    if (docx) {
      return "(a Word file: its text is replaced by the document below)\n" + text;
    }
    try {
      before = new String(workspace.read(path), StandardCharsets.UTF_8).lines().toList();
    } catch (BatonException e) {
      return "(the current file cannot be read: " + e.getMessage() + ")\n" + text;
    }
    List<String> after = text.lines().toList();
    var patch = DiffUtils.diff(before, after);
    if (patch.getDeltas().isEmpty()) {
      return "(no change: the file already holds exactly this)\n";
    }
    return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path,
        before, patch, 2)) + "\n";
  }

  private boolean writtenBySameStep(String path, boolean docx, byte[] bytes, String key)
      throws IOException {
    try {
      if (docx) {
        try (InputStream in = workspace.open(path)) {
          return DocxRenderer.writtenWith(in, key);
        }
      }
      return Arrays.equals(workspace.read(path), bytes);
    } catch (BatonException notAFile) {
      // why: a folder or a link has the name; it is not ours, so try the next name
      return false;
    }
  }
}
