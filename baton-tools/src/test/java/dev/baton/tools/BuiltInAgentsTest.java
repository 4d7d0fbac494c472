package dev.baton.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.Json;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.tools.workspace.DemoWorkspace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltInAgentsTest {
  @TempDir
  Path workspace;

  private Path index() {
    return workspace.resolve(".baton").resolve("index");
  }

  @Test
  void makingTheCatalogueOpensNoSearchIndex_theFirstFileToolCallDoes() throws Exception {
    DemoWorkspace.create(workspace, SeedPlan.TODAY);
    ToolCatalog catalog = ToolCatalog.of(BuiltInAgents.tools(AgentsConfig.embedded(workspace)));
    catalog.all().forEach(t -> t.descriptor().name());
    assertThat(index()).doesNotExist();

    var found = catalog.get("files.search").call(Json.object().put("query", "Tevuot"),
        Contexts.of("search"));

    assertThat(found.get("paths").size()).isPositive();
    assertThat(index()).isDirectory();
  }
}
