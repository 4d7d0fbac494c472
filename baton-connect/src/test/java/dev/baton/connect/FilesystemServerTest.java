package dev.baton.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.adapters.Engines;
import dev.baton.core.engine.Engine;
import dev.baton.core.engine.Submission;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.memory.InMemoryExecutionStore;
import dev.baton.core.memory.InMemoryToolAllowances;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.ToolCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * npm's reference filesystem server ({@code @modelcontextprotocol/server-filesystem}, run with the
 * machine's node over stdio) on a temporary folder: its tools reach the catalogue only once
 * allowed, read-only ones run at once, and a write waits for a person's approval.
 */
class FilesystemServerTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir
  Path folder;
  private Connections connections;
  private final InMemoryToolAllowances allowances = new InMemoryToolAllowances();

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(folder.resolve("notes"));
    Files.writeString(folder.resolve("notes/december.md"), "# תבואות\nDecember: the harvest"
        + " plan was agreed.\n");
    Files.writeString(folder.resolve("notes/other.txt"), "nothing to see\n");
  }

  @AfterEach
  void close() {
    if (connections != null) {
      connections.close();
    }
  }

  private Map<String, CatalogEntry> entries() {
    return connections.entries(List.of()).stream()
        .collect(Collectors.toMap(CatalogEntry::name, Function.identity()));
  }

  @Test
  void newToolsAreOffUntilAllowedAndTheGateFollowsTheAnnotations() {
    connections = Connections.of(new ConnectionsConfig(List.of(TestServers.filesystem("fs",
        folder, false)), List.of()), () -> allowances);

    Map<String, CatalogEntry> e = entries();

    assertThat(e).containsKeys("fs.read_text_file", "fs.list_directory", "fs.search_files",
        "fs.write_file");
    assertThat(e.values()).allSatisfy(x -> {
      assertThat(x.allowed()).isFalse();
      assertThat(x.health()).isEqualTo("ok");
      assertThat(x.note()).startsWith("new: baton tools allow ");
    });
    assertThat(e.get("fs.read_text_file").sideEffect()).isFalse();
    assertThat(e.get("fs.write_file").sideEffect()).isTrue();
    assertThat(connections.catalog(List.of())).isEmpty();

    connections.allow("fs.read_text_file", "dana", List.of());

    assertThat(connections.catalog(List.of())).extracting(t -> t.descriptor().name())
        .containsExactly("fs.read_text_file");
    assertThat(entries().get("fs.read_text_file").note()).isEqualTo("allowed by dana");
  }

  @Test
  void theConfigurationMayAllowAServersReadOnlyToolsButNeverItsWrites() {
    connections = Connections.of(new ConnectionsConfig(List.of(TestServers.filesystem("fs",
        folder, true)), List.of()), () -> allowances);

    Map<String, CatalogEntry> e = entries();

    assertThat(e.get("fs.read_text_file").allowed()).isTrue();
    assertThat(e.get("fs.list_directory").allowed()).isTrue();
    assertThat(e.get("fs.write_file").allowed()).isFalse();
  }

  @Test
  void listsReadsSearchesAndHoldsTheWriteForApproval() throws Exception {
    connections = Connections.of(new ConnectionsConfig(List.of(TestServers.filesystem("fs",
        folder, false)), List.of()), () -> allowances);
    for (String t : List.of("list_directory", "read_text_file", "search_files", "write_file")) {
      connections.allow("fs." + t, "dana", List.of());
    }
    String notes = folder.resolve("notes").toRealPath().toString();
    var plan = PlanCodec.parse("""
        {"steps": [
          {"id": "list", "tool": "fs.list_directory", "args": {"path": "%1$s"}},
          {"id": "read", "tool": "fs.read_text_file", "args": {"path": "%1$s/december.md"}},
          {"id": "search", "tool": "fs.search_files", "args": {"path": "%1$s", "pattern": "*.md"}},
          {"id": "write", "tool": "fs.write_file",
           "args": {"path": "%1$s/summary.md", "content": {"$ref": "read#/text"}}}
        ]}""".formatted(notes));

    try (Engine engine = Engines.builder(new InMemoryExecutionStore(),
        ToolCatalog.of(connections.catalog(List.of()))).build()) {
      var id = engine.submit(Submission.of(plan)).id();
      ExecutionState waiting = engine.await(id,
          s -> s.status() == ExecutionStatus.WAITING_FOR_APPROVAL
              && s.step(StepId.of("list")).output() != null
              && s.step(StepId.of("search")).output() != null, WAIT);

      assertThat(waiting.step(StepId.of("list")).output().get("text").asString())
          .contains("december.md").contains("other.txt");
      assertThat(waiting.step(StepId.of("read")).output().get("text").asString())
          .contains("תבואות").contains("harvest plan");
      assertThat(waiting.step(StepId.of("search")).output().get("text").asString())
          .contains("december.md").doesNotContain("other.txt");
      var approval = waiting.pendingApprovals().getFirst();
      assertThat(approval.tool()).isEqualTo("fs.write_file");
      assertThat(approval.arguments().get("content").asString()).contains("תבואות");
      assertThat(folder.resolve("notes/summary.md")).doesNotExist();

      engine.approve(approval.id(), null, "dana", "");
      ExecutionState done = engine.awaitEnd(id, WAIT);

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Files.readString(folder.resolve("notes/summary.md"))).contains("תבואות")
          .contains("harvest plan");
    }
  }
}
