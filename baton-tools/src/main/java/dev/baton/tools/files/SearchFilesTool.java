package dev.baton.tools.files;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** {@code files.search}: full-text search of the workspace in Hebrew and English. */
public final class SearchFilesTool extends TypedTool<SearchFilesTool.Input, SearchFilesTool.Output> {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 200;

  private final Drive drive;

  public SearchFilesTool(Drive drive) {
    super("files.search", "Searches the workspace documents (.md, .txt, .docx, .pdf, ...) by words"
        + " in Hebrew or English (niqqud and final letters ignored), date range and folder.",
        Input.class, Output.class, ToolOptions.readOnly().build());
    this.drive = drive;
  }

  /**
   * @param query words, any of which may match; absent or empty lists by date
   * @param from first day (ISO date, inclusive) the documents are about
   * @param to last day (ISO date, inclusive)
   * @param folder a workspace-relative folder to search in
   * @param limit most hits to return; 20 if absent
   * @param includeOwn also documents Baton wrote (agendas, summaries); false if absent, so what
   *     people did is not mixed with Baton's own output
   */
  public record Input(Optional<String> query, Optional<String> from, Optional<String> to,
      Optional<String> folder, Optional<Integer> limit, Optional<Boolean> includeOwn) {}

  /** The hits, best first, and their paths alone (handy as input for the next step). */
  public record Output(List<Drive.Hit> hits, List<String> paths) {}

  @Override
  protected Output run(Input in, ToolContext ctx) {
    int limit = Math.min(MAX_LIMIT, Math.max(1, in.limit().orElse(DEFAULT_LIMIT)));
    var hits = drive.search(new Drive.Search(in.query().orElse(""), date(in.from(), "from"),
        date(in.to(), "to"), in.folder(), limit, in.includeOwn().orElse(false)));
    ctx.log().info("found " + hits.size() + " files");
    return new Output(hits, hits.stream().map(Drive.Hit::path).toList());
  }

  private static Optional<LocalDate> date(Optional<String> text, String field) {
    try {
      return text.filter(t -> !t.isBlank()).map(t -> LocalDate.parse(t.strip()));
    } catch (DateTimeParseException e) {
      throw ToolFailure.permanent(field + " must be an ISO date such as 2025-12-01, was '"
          + text.get() + "'", e);
    }
  }
}
