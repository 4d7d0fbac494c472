package dev.baton.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.json.Json;
import dev.baton.core.memory.InMemoryToolAllowances;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolDescriptor;
import dev.baton.core.tool.ToolOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** This suite's own MCP server over stdio, in a child JVM: each thing a server may do. */
class StdioFeaturesTest {
  @TempDir
  Path folder;
  private Connections connections;
  private final InMemoryToolAllowances allowances = new InMemoryToolAllowances();
  private final List<String> logged = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    if (connections != null) {
      connections.close();
    }
  }

  private Connections connect(ConnectionsConfig.Server server) {
    connections = Connections.of(new ConnectionsConfig(List.of(server), List.of()),
        () -> allowances);
    return connections;
  }

  private ConnectionsConfig.Server server(Map<String, String> env, String... args) {
    return TestServers.javaStdio("t", env, args);
  }

  private CatalogEntry entry(String name) {
    return connections.entries(List.of()).stream().filter(e -> e.name().equals(name))
        .findFirst().orElseThrow();
  }

  /** The tool as a plan would get it, once allowed. */
  private Tool allowed(String name) {
    connections.allow(name, "dana", List.of());
    return connections.catalog(List.of()).stream().filter(t -> t.descriptor().name()
        .equals(name)).findFirst().orElseThrow();
  }

  private ToolContext context() {
    return TestServers.context(logged, null);
  }

  @Test
  void aServerSeesOnlyTheEnvironmentTheConfigurationNames() throws Exception {
    assertThat(System.getenv()).as("the test JVM's own environment").isNotEmpty();
    connect(server(Map.of("GIVEN_TO_SERVER", "yes")));

    JsonNode out = allowed("t.env").call(Json.object(), context());

    List<String> names = List.of(out.get("text").asString().split("\n"));
    assertThat(names).contains("GIVEN_TO_SERVER", "PATH");
    List<String> others = System.getenv().keySet().stream().filter(n -> !List.of("PATH", "HOME",
        "LANG", "TMPDIR", "USER", "LOGNAME", "SHELL", "TERM").contains(n)).toList();
    assertThat(others).isNotEmpty();
    assertThat(names).doesNotContainAnyElementsOf(others);
  }

  @Test
  void aServerThatExitsWhileStartingIsReportedDownWithWhatItSaid() {
    // why: the pause keeps the process alive long enough for the SDK to start reading its error
    // output (a line written and the process gone in the same instant is lost to the SDK)
    connect(new ConnectionsConfig.Server("gone", new ConnectionsConfig.Stdio("sh",
        List.of("-c", "echo 'cannot open the database' >&2; sleep 0.5; exit 3"), Map.of()), false,
        Map.of(), null));

    CatalogEntry e = entry("gone.*");

    assertThat(e.health()).startsWith("server down: its process exited")
        .contains("cannot open the database");
    assertThat(connections.catalog(List.of())).isEmpty();
  }

  @Test
  void annotationsDecideTheGateAndTheConfigurationOverrides() {
    var base = server(Map.of());
    connect(new ConnectionsConfig.Server("t", base.transport(), false,
        Map.of("progress", new ConnectionsConfig.ToolOverride(true)), null));

    assertThat(entry("t.echo").sideEffect()).isFalse();
    assertThat(entry("t.post").sideEffect()).isTrue();
    assertThat(entry("t.progress").sideEffect()).isTrue();
  }

  @Test
  void builtInToolsWinANameCollision() {
    connect(server(Map.of()));
    Tool builtIn = new Tool() {
      @Override
      public ToolDescriptor descriptor() {
        return new ToolDescriptor("t.echo", "mine", TestSchemas.object(), TestSchemas.object(),
            ToolOptions.readOnly().build());
      }

      @Override
      public JsonNode call(JsonNode input, ToolContext context) {
        return Json.object();
      }
    };

    var entries = connections.entries(List.of(builtIn)).stream()
        .filter(e -> e.name().equals("t.echo")).toList();

    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).origin().kind()).isEqualTo(dev.baton.core.tool.ToolOrigin.Kind
        .BUILT_IN);
    assertThat(entries.get(1).health()).startsWith("refused: another tool");
    assertThatThrownBy(() -> connections.allow("t.echo", "dana", List.of(builtIn)))
        .isInstanceOf(BatonException.class).hasMessageContaining("built-in");
  }

  @Test
  void aToolWithAnInvalidSchemaIsListedButNeverUsable() {
    connect(server(Map.of()));

    CatalogEntry bad = entry("t.bad_schema");

    assertThat(bad.health()).startsWith("invalid schema: ");
    assertThat(bad.usable()).isFalse();
    assertThatThrownBy(() -> connections.allow("t.bad_schema", "dana", List.of()))
        .isInstanceOf(BatonException.class).hasMessageContaining("invalid schema");
  }

  @Test
  void everyCallIsCheckedAgainstTheInputSchema() {
    connect(server(Map.of()));
    Tool echo = allowed("t.echo");

    assertThatThrownBy(() -> echo.call(Json.object().put("message", 7), context()))
        .isInstanceOf(BatonException.class)
        .satisfies(e -> assertThat(((BatonException) e).code()).isEqualTo(ErrorCode.TOOL_FAILED))
        .hasMessageContaining("do not fit its schema");
  }

  @Test
  void progressBecomesStepLogLines() throws Exception {
    connect(server(Map.of()));

    JsonNode out = allowed("t.progress").call(Json.object(), context());

    assertThat(out.get("text").asString()).isEqualTo("progressed");
    assertThat(logged).containsSubsequence("progress 1/3: part 1", "progress 2/3: part 2",
        "progress 3/3: part 3");
  }

  @Test
  void aCrashMidCallIsARetryableFailureAndTheServerComesBack() throws Exception {
    connect(server(Map.of()));
    Tool crash = allowed("t.crash");
    Tool echo = allowed("t.echo");

    assertThatThrownBy(() -> crash.call(Json.object(), context()))
        .isInstanceOf(BatonException.class)
        .satisfies(e -> {
          assertThat(((BatonException) e).code()).isEqualTo(ErrorCode.TOOL_UNAVAILABLE);
          assertThat(((BatonException) e).retryable()).isTrue();
        });
    McpServer t = connections.servers().get("t");
    TestServers.eventually(() -> t.health() == McpServer.Health.UP);

    assertThat(t.restarts()).isGreaterThanOrEqualTo(1);
    assertThat(echo.call(Json.object().put("message", "again"), context()).get("text")
        .asString()).isEqualTo("echo: again");
  }

  @Test
  void aCallToADeadServerIsRetryable() throws Exception {
    connect(server(Map.of()));
    Tool crash = allowed("t.crash");
    Tool echo = allowed("t.echo");
    assertThatThrownBy(() -> crash.call(Json.object(), context()))
        .isInstanceOf(BatonException.class);

    // why: right after the crash the server is down and waiting for its backoff
    McpServer t = connections.servers().get("t");
    if (t.health() != McpServer.Health.UP) {
      assertThatThrownBy(() -> echo.call(Json.object().put("message", "x"), context()))
          .isInstanceOf(BatonException.class)
          .satisfies(e -> assertThat(((BatonException) e).retryable()).isTrue())
          .hasMessageContaining("is down");
    }
  }

  @Test
  void cancellingTheStepCancelsTheRequestOnTheServer() throws Exception {
    Path received = folder.resolve("received.jsonl");
    connect(server(Map.of(), received.toString()));
    Tool hang = allowed("t.hang");

    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<JsonNode> call = pool.submit(() -> hang.call(Json.object(), context()));
      TestServers.eventually(() -> read(received).contains("\"hang\""));
      call.cancel(true);
    }

    TestServers.eventually(() -> read(received).contains("notifications/cancelled"));
  }

  @Test
  void aServersQuestionGoesToThePersonAndIsNeverAnsweredForThem() throws Exception {
    connect(server(Map.of()));
    Tool ask = allowed("t.ask");
    ToolContext person = TestServers.context(logged,
        (message, schema) -> java.util.Optional.of(Json.object().put("project", "Tevuot")));

    assertThat(ask.call(Json.object(), person).get("text").asString())
        .isEqualTo("answered: accept {project=Tevuot}");
    // why: with no one to ask, the server hears a decline, never a made-up answer
    assertThat(ask.call(Json.object(), context()).get("text").asString())
        .isEqualTo("answered: decline");
  }

  @Test
  void aToolWhoseDescriptionChangesAfterItWasAllowedIsOffUntilAllowedAgain() throws Exception {
    connect(server(Map.of()));
    Tool pinned = allowed("t.pinned");
    assertThat(pinned.call(Json.object(), context()).get("text").asString())
        .isEqualTo("sunny (version 1)");
    assertThat(connections.servers().get("t").tools()).doesNotContainKey("added");

    allowed("t.grow").call(Json.object(), context());
    McpServer t = connections.servers().get("t");
    TestServers.eventually(() -> t.tools().containsKey("added"));

    assertThatThrownBy(() -> pinned.call(Json.object(), context()))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("changed on its server since it was allowed")
        .hasMessageContaining("baton tools allow t.pinned");
    assertThat(entry("t.pinned").allowed()).isFalse();
    assertThat(entry("t.pinned").note()).startsWith("changed since allowed");
    assertThat(entry("t.added").note()).startsWith("new:");
    assertThat(connections.catalog(List.of())).extracting(x -> x.descriptor().name())
        .doesNotContain("t.pinned");

    Tool again = allowed("t.pinned");

    assertThat(again.descriptor().description()).contains("IMPORTANT");
    assertThat(again.call(Json.object(), context()).get("text").asString())
        .isEqualTo("sunny (version 2)");
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** Small schemas for tools made in tests. */
  static final class TestSchemas {
    static tools.jackson.databind.node.ObjectNode object() {
      return Json.object().put("type", "object");
    }
  }
}
