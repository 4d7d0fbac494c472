package dev.baton.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.json.Json;
import dev.baton.core.memory.InMemoryToolAllowances;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * This suite's MCP server over Streamable HTTP on 127.0.0.1: headers, progress, a changed tool
 * list, elicitation, and a crash in the middle of a call.
 */
class HttpServerTest {
  private HttpTestServer http;
  private Connections connections;
  private final InMemoryToolAllowances allowances = new InMemoryToolAllowances();
  private final List<String> logged = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    http = new HttpTestServer(0);
    connections = Connections.of(new ConnectionsConfig(List.of(new ConnectionsConfig.Server("web",
        new ConnectionsConfig.Http(http.url(), Map.of("Authorization", "Bearer test-token-123")),
        false, Map.of(), null)), List.of()), () -> allowances);
  }

  @AfterEach
  void stop() throws Exception {
    connections.close();
    http.close();
  }

  private Tool allowed(String name) {
    connections.allow(name, "dana", List.of());
    return connections.catalog(List.of()).stream()
        .filter(t -> t.descriptor().name().equals(name)).findFirst().orElseThrow();
  }

  private CatalogEntry entry(String name) {
    return connections.entries(List.of()).stream().filter(e -> e.name().equals(name))
        .findFirst().orElseThrow();
  }

  private ToolContext context() {
    return TestServers.context(logged, null);
  }

  @Test
  void discoversToolsAndSendsTheConfiguredHeaders() throws Exception {
    assertThat(entry("web.echo").health()).isEqualTo("ok");
    assertThat(entry("web.post").sideEffect()).isTrue();
    assertThat(entry("web.bad_schema").health()).startsWith("invalid schema");

    JsonNodeText out = new JsonNodeText(allowed("web.echo").call(Json.object().put("message",
        "שלום"), context()));

    assertThat(out.text()).isEqualTo("echo: שלום");
    assertThat(http.authorizations).isNotEmpty().allMatch("Bearer test-token-123"::equals);
  }

  @Test
  void progressArrivesAsStepLogLines() throws Exception {
    allowed("web.progress").call(Json.object(), context());

    assertThat(logged).containsSubsequence("progress 1/3: part 1", "progress 3/3: part 3");
  }

  @Test
  void aChangedToolListIsDiscoveredAndAChangedDescriptionUnpinsTheTool() throws Exception {
    Tool pinned = allowed("web.pinned");
    assertThat(pinned.call(Json.object(), context()).get("text").asString())
        .isEqualTo("sunny (version 1)");

    var heard = new java.util.concurrent.atomic.AtomicInteger();
    connections.onChange(heard::incrementAndGet);
    allowed("web.grow").call(Json.object(), context());
    McpServer web = connections.servers().get("web");
    TestServers.eventually(() -> web.tools().containsKey("added"));
    // why: the app rebuilds its catalogue when it hears this, so a running server plans with it
    TestServers.eventually(() -> heard.get() >= 2);

    assertThat(entry("web.added").note()).startsWith("new:");
    assertThat(entry("web.pinned").allowed()).isFalse();
    assertThatThrownBy(() -> pinned.call(Json.object(), context()))
        .isInstanceOf(BatonException.class).hasMessageContaining("since it was allowed");
  }

  @Test
  void anElicitationIsPutToThePersonAndTheirAnswerGoesBack() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    ToolContext ctx = TestServers.context(logged, (message, schema) -> {
      asked.add(message + " " + schema.path("required"));
      return java.util.Optional.of(Json.object().put("project", "Tevuot"));
    });

    String out = allowed("web.ask").call(Json.object(), ctx).get("text").asString();

    assertThat(asked).containsExactly("Which project? [\"project\"]");
    assertThat(out).isEqualTo("answered: accept {project=Tevuot}");
  }

  @Test
  void anElicitationNoOneAnswersIsDeclinedNotAnsweredForThePerson() throws Exception {
    String out = allowed("web.ask").call(Json.object(), context()).get("text").asString();

    assertThat(out).isEqualTo("answered: decline");
  }

  @Test
  void anElicitationInAPlanWaitsForThePersonsAnswerAsAQuestion() throws Exception {
    var catalog = dev.baton.core.tool.ToolCatalog.of(List.of(allowed("web.ask")));
    var plan = dev.baton.core.plan.PlanCodec.parse("""
        {"steps": [{"id": "which", "tool": "web.ask", "args": {}}]}""");
    try (var engine = dev.baton.adapters.Engines.builder(
        new dev.baton.core.memory.InMemoryExecutionStore(), catalog).build()) {
      var id = engine.submit(dev.baton.core.engine.Submission.of(plan)).id();
      var question = engine.await(id, s -> !s.pendingQuestions().isEmpty(),
          java.time.Duration.ofSeconds(30)).pendingQuestions().getFirst();
      assertThat(question.tool()).isEqualTo("web.ask");
      assertThat(question.input().path("question").asString()).isEqualTo("Which project?");
      assertThat(question.answerSchema().path("required").get(0).asString())
          .isEqualTo("project");

      // typed text, as the CLI and the dashboard send it, fills the one field
      engine.answer(question.id(), Json.object().put("value", "Tevuot"), "dana");

      var end = engine.result(id).get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(end.status()).isEqualTo(dev.baton.core.exec.ExecutionStatus.SUCCEEDED);
      assertThat(end.step(dev.baton.core.plan.StepId.of("which")).output().toString())
          .contains("answered: accept {project=Tevuot}");
    }
  }

  @Test
  void aServerThatDiesMidCallFailsTheCallAsRetryableAndIsReconnected() throws Exception {
    Tool crash = allowed("web.crash");
    Tool echo = allowed("web.echo");
    int port = http.port();

    assertThatThrownBy(() -> crash.call(Json.object(), context()))
        .isInstanceOf(BatonException.class)
        .satisfies(e -> {
          assertThat(((BatonException) e).code()).isEqualTo(ErrorCode.TOOL_UNAVAILABLE);
          assertThat(((BatonException) e).retryable()).isTrue();
        });
    TestServers.eventually(() -> !http.running());
    McpServer web = connections.servers().get("web");
    assertThat(web.health()).isEqualTo(McpServer.Health.DOWN);

    http.close();
    http = new HttpTestServer(port);
    TestServers.eventually(() -> web.health() == McpServer.Health.UP);

    assertThat(echo.call(Json.object().put("message", "back"), context()).get("text")
        .asString()).isEqualTo("echo: back");
  }

  @Test
  void aToolsWordsCannotGetASideEffectPastTheGate() throws Exception {
    // why: pinned's new description tells the planner to call post; whatever a plan does with
    // that, post is a side effect and waits for a person, who sees every argument
    allowed("web.grow").call(Json.object(), context());
    McpServer web = connections.servers().get("web");
    TestServers.eventually(() -> web.tools().get("pinned").description().contains("IMPORTANT"));
    allowed("web.post");
    var catalog = dev.baton.core.tool.ToolCatalog.of(connections.catalog(List.of()));
    String everything = "every file: " + "x".repeat(500);
    var plan = dev.baton.core.plan.PlanCodec.parse("""
        {"steps": [{"id": "post", "tool": "web.post", "args": {"message": "%s"}}]}"""
        .formatted(everything.substring(0, 150)));

    try (var engine = dev.baton.adapters.Engines.builder(
        new dev.baton.core.memory.InMemoryExecutionStore(), catalog).build()) {
      var id = engine.submit(dev.baton.core.engine.Submission.of(plan)).id();
      var waiting = engine.await(id, s -> s.status()
          == dev.baton.core.exec.ExecutionStatus.WAITING_FOR_APPROVAL, java.time.Duration
          .ofSeconds(60));

      var approval = waiting.pendingApprovals().getFirst();
      assertThat(approval.tool()).isEqualTo("web.post");
      assertThat(approval.arguments().get("message").asString())
          .isEqualTo(everything.substring(0, 150));
      assertThat(waiting.step(dev.baton.core.plan.StepId.of("post")).attempts()).isZero();
    }
  }

  private record JsonNodeText(tools.jackson.databind.JsonNode node) {
    String text() {
      return node.get("text").asString();
    }
  }
}
