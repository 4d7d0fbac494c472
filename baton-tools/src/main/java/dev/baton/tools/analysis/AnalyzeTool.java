package dev.baton.tools.analysis;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import dev.baton.tools.files.Drive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code analysis.summarize}: summary, key points, decisions, open items and dates from documents.
 * With a language model configured, the model writes the summary; the rest is always extracted, so
 * the output has the same shape and the same evidence either way.
 */
public final class AnalyzeTool extends TypedTool<AnalyzeTool.Input, Analysis> {
  static final int MAX_DOCUMENTS = 50;
  static final String INSTRUCTIONS = "Summarise these documents in three sentences, in the"
      + " language most of them are written in. Answer with the summary only.";

  private final Drive drive;
  private final TextModel model;
  private final ExtractiveAnalyzer extractive = new ExtractiveAnalyzer();

  public AnalyzeTool(Drive drive, TextModel model) {
    super("analysis.summarize", "Summary, key points, decisions, open items and dates from a set"
        + " of workspace documents (Hebrew or English).", Input.class, Analysis.class,
        ToolOptions.readOnly().build());
    this.drive = drive;
    this.model = model;
  }

  /**
   * @param paths workspace-relative documents, e.g. the paths found by files.search
   * @param focus words saying what matters (optional; passed to the model)
   * @param language the language to summarise in (he, en), the request's; absent: the
   *     documents' own. Offline, sentences are quoted from the documents in their own language
   */
  public record Input(List<String> paths, Optional<String> focus, Optional<String> language) {}

  /** The model's instructions for a summary in the request's language. */
  static String inLanguage(String language) {
    String name = switch (language.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "he", "iw", "hebrew" -> "Hebrew";
      case "en", "english" -> "English";
      default -> null;
    };
    return name == null ? INSTRUCTIONS : "Summarise these documents in three sentences, in "
        + name + " (names and quoted phrases may stay as written). Answer with the summary only.";
  }

  @Override
  protected Analysis run(Input in, ToolContext ctx) throws InterruptedException {
    if (in.paths().isEmpty()) {
      throw ToolFailure.permanent("no documents to analyse: paths is empty");
    }
    List<ExtractiveAnalyzer.Source> sources = new ArrayList<>();
    for (String p : in.paths().subList(0, Math.min(MAX_DOCUMENTS, in.paths().size()))) {
      ctx.checkCancelled();
      Drive.Text t = drive.read(p);
      sources.add(new ExtractiveAnalyzer.Source(t.path(), t.text()));
    }
    Analysis found = extractive.analyze(sources);
    StringBuilder all = new StringBuilder();
    for (var s : sources) {
      all.append("=== ").append(s.path()).append('\n').append(s.text()).append("\n\n");
    }
    String instructions = in.language().map(AnalyzeTool::inLanguage).orElse(INSTRUCTIONS)
        + in.focus().map(f -> " Focus on: " + f).orElse("");
    Optional<String> summary = model.complete(instructions, all.toString(), ctx);
    if (summary.isEmpty() || summary.get().isBlank()) {
      return found;
    }
    return new Analysis(summary.get().strip(), found.keyPoints(), found.decisions(),
        found.openItems(), found.dates(), found.sources(), "model");
  }
}
