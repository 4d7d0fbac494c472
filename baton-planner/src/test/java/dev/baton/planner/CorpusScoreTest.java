package dev.baton.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.tool.ToolCatalog;
import dev.baton.planner.corpus.CorpusScore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scores the offline planner on both parts of the corpus (tools, dependencies, side effects and
 * clarifications of every request) and holds the scores to their floors. The held-out part is
 * checked against its recorded digest, so it cannot change after it was committed.
 */
class CorpusScoreTest {
  /** SHA-256 of corpus/heldout.txt as first committed (also in BENCHMARKS.md). */
  static final String HELDOUT_DIGEST =
      "0e48bdf953de2a315b21a13c2c730e4c8d65f1bdfa7f1f5765a7351fb32f4d0e";
  /** Lowest acceptable scores, in percent; raised as the planner improves, never lowered. */
  static final double DEV_FLOOR = 95;
  static final double HELDOUT_FLOOR = 90;
  static final double HELDOUT_CATEGORY_FLOOR = 75;

  @TempDir
  static Path workspace;

  static ToolCatalog catalog;

  @BeforeAll
  static void demo() {
    catalog = DemoCatalog.create(workspace);
  }

  @Test
  void corpusHasTheSizeAndSpreadTheIssueAsksFor() throws IOException {
    List<CorpusScore.Entry> dev = CorpusScore.load("dev");
    List<CorpusScore.Entry> held = CorpusScore.load("heldout");
    assertThat(dev.size() + held.size()).isGreaterThanOrEqualTo(150);
    assertThat(held).hasSizeGreaterThanOrEqualTo(50);
    for (List<CorpusScore.Entry> part : List.of(dev, held)) {
      assertThat(part).anyMatch(e -> e.language().equals("he"))
          .anyMatch(e -> e.language().equals("en"));
    }
    Map<String, Long> perCategory = new java.util.TreeMap<>();
    held.forEach(e -> perCategory.merge(e.category(), 1L, Long::sum));
    assertThat(perCategory.values()).allMatch(n -> n >= 8);
  }

  @Test
  void heldOutPartIsTheOneCommittedBeforeTuning() throws IOException {
    assertThat(CorpusScore.digest("heldout")).isEqualTo(HELDOUT_DIGEST);
  }

  @Test
  void developmentScoreHoldsItsFloor() throws IOException {
    List<CorpusScore.Result> results = CorpusScore.run("dev", OfflinePlanner::new, catalog,
        DemoCatalog.context());
    System.out.print(CorpusScore.table("dev", results, true));
    assertThat(percent(results)).isGreaterThanOrEqualTo(DEV_FLOOR);
  }

  @Test
  void heldOutScoreHoldsItsFloorOverallAndPerCategory() throws IOException {
    List<CorpusScore.Result> results = CorpusScore.run("heldout", OfflinePlanner::new, catalog,
        DemoCatalog.context());
    System.out.print(CorpusScore.table("heldout", results, false));
    assertThat(percent(results)).isGreaterThanOrEqualTo(HELDOUT_FLOOR);
    CorpusScore.byCategory(results).forEach((category, c) ->
        assertThat(100.0 * c[0] / c[1]).as(category).isGreaterThanOrEqualTo(
            HELDOUT_CATEGORY_FLOOR));
  }

  private static double percent(List<CorpusScore.Result> results) {
    return 100.0 * results.stream().filter(CorpusScore.Result::passed).count() / results.size();
  }
}
