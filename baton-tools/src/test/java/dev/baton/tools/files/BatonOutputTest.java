package dev.baton.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.Json;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.tools.AgentsConfig;
import dev.baton.tools.BuiltInAgents;
import dev.baton.tools.Contexts;
import dev.baton.tools.workspace.DemoWorkspace;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What Baton writes is marked and left out of searches for what people did, unless asked for:
 * an agenda written from the Tevuot documents is not found again as Tevuot history.
 */
class BatonOutputTest {
  @TempDir
  Path workspace;

  private static tools.jackson.databind.node.ObjectNode obj(String json) {
    return (tools.jackson.databind.node.ObjectNode) Json.parse(json,
        dev.baton.core.error.ErrorCode.PLAN_INVALID, "test input");
  }

  @Test
  void writtenDocumentsAreMarkedAndSearchedOnlyWhenAskedFor() throws Exception {
    DemoWorkspace.create(workspace, LocalDate.of(2026, 1, 20));
    ToolCatalog tools = ToolCatalog.of(BuiltInAgents.tools(AgentsConfig.embedded(workspace)));
    Tool write = tools.find("editor.write").orElseThrow();
    Tool search = tools.find("files.search").orElseThrow();
    for (String path : new String[] {"agendas/quokka-review.md", "agendas/quokka-review.docx"}) {
      write.call(obj("""
          {"path":"%s","title":"Quokka review – תבואות",
           "sections":[{"heading":"Agenda","items":["quokka decisions"]}]}""".formatted(path)),
          Contexts.of("agenda"));
    }

    JsonNode people = search.call(obj("{\"query\":\"quokka\"}"), Contexts.of("search"));
    JsonNode all = search.call(obj("{\"query\":\"quokka\",\"includeOwn\":true}"),
        Contexts.of("search"));

    assertThat(people.path("paths")).isEmpty();
    assertThat(all.path("paths").toString()).contains("agendas/quokka-review.md",
        "agendas/quokka-review.docx");
    assertThat(BatonOutput.marked(java.nio.file.Files.readString(
        workspace.resolve("agendas/quokka-review.md")))).isTrue();
  }
}
