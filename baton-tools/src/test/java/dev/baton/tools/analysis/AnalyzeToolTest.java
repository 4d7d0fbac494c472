package dev.baton.tools.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.Json;
import dev.baton.tools.Contexts;
import dev.baton.tools.files.LuceneFolderDrive;
import dev.baton.tools.workspace.DemoWorkspace;
import dev.baton.tools.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeToolTest {
  @TempDir
  Path root;

  static final List<String> PATHS = List.of("projects/tevuot/2025-12-02-kickoff.md",
      "projects/tevuot/2025-12-04-requirements.md",
      "projects/tevuot/2025-12-15-vendor-review.docx");

  LuceneFolderDrive drive() {
    DemoWorkspace.create(root, LocalDate.of(2026, 1, 20));
    return new LuceneFolderDrive(new Workspace(root), ZoneId.of("Asia/Jerusalem"));
  }

  @Test
  void extractsDecisionsOpenItemsAndDatesInHebrewAndEnglish() throws Exception {
    var out = new AnalyzeTool(drive(), TextModel.NONE).call(Json.tree(Map.of("paths", PATHS)),
        Contexts.of("analyze"));
    assertThat(out.get("method").asString()).isEqualTo("extractive");
    assertThat(out.get("summary").asString()).isNotBlank();
    assertThat(out.get("decisions").toString()).contains("הוחלט שהפיילוט")
        .contains("mobile-first").contains("AquaSense");
    assertThat(out.get("openItems").toString()).contains("טרם נקבע תקציב")
        .contains("connectivity");
    assertThat(out.get("dates").toString()).contains("2025-12-02").contains("--12-09");
  }

  @Test
  void usesTheModelForTheSummaryWhenOneIsConfigured() throws Exception {
    TextModel model = (instructions, text) -> Optional.of("In December the team planned the"
        + " Tevuot pilot.");
    var out = new AnalyzeTool(drive(), model).call(Json.tree(Map.of("paths", PATHS)),
        Contexts.of("analyze"));
    assertThat(out.get("method").asString()).isEqualTo("model");
    assertThat(out.get("summary").asString()).contains("Tevuot pilot");
    assertThat(out.get("decisions").size()).isPositive();
  }

  @Test
  void reportsTheModelCallsToTheStepsMeter() throws Exception {
    List<String> metered = new java.util.concurrent.CopyOnWriteArrayList<>();
    TextModel model = new TextModel() {
      @Override
      public Optional<String> complete(String instructions, String text) {
        throw new AssertionError("the tool must pass its context");
      }

      @Override
      public Optional<String> complete(String instructions, String text,
          dev.baton.core.tool.ToolContext context) {
        context.usage().record("scripted:model", 1, text.length(), 12,
            java.time.Duration.ZERO);
        return Optional.of("A summary.");
      }
    };
    var base = Contexts.of("analyze");
    var ctx = new dev.baton.core.tool.ToolContext(base.executionId(), base.stepId(), 1,
        base.idempotencyKey(), base.tenant(), null,
        (m, calls, in, out, took) -> metered.add(m + ":" + calls + ":" + out));
    new AnalyzeTool(drive(), model).call(Json.tree(Map.of("paths", PATHS)), ctx);
    assertThat(metered).containsExactly("scripted:model:1:12");
  }
}
