package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.json.Json;
import dev.baton.core.port.ExecutionStore;
import dev.baton.store.jdbc.JdbcExecutionStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code BATON_MODEL} set: a real child JVM plans through the model planner against a local server
 * that speaks OpenAI's chat-completions wire protocol, runs the plan, and records the tokens.
 */
class ModelPlanningCliTest {
  private static final String PLAN = """
      {"notUnderstood": "", "steps": [
        {"id": "wait", "tool": "demo.sleep", "args": "{\\"millis\\": 10, \\"text\\": \\"שלום\\"}",
         "title": {"he": "המתנה", "en": "Wait"}, "after": [], "optional": false,
         "reason": "the request asks for a short wait"},
        {"id": "tell", "tool": "demo.notify",
         "args": "{\\"to\\": \\"Yoav\\", \\"message\\": {\\"$ref\\": \\"wait#/text\\"}}",
         "title": {"he": "הודעה ליואב", "en": "Tell Yoav"}, "after": [], "optional": false,
         "reason": "then tell Yoav"}
      ]}""";

  @TempDir
  Path home;

  private HttpServer server;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startFakeModel() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      requests.add(Json.mapper().readTree(exchange.getRequestBody()));
      ObjectNode reply = Json.object();
      reply.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1)
          .put("model", "gpt-4.1-mini");
      ObjectNode choice = reply.putArray("choices").addObject();
      choice.put("index", 0).put("finish_reason", "stop");
      choice.putObject("message").put("role", "assistant").put("content", PLAN);
      reply.putObject("usage").put("prompt_tokens", 1234).put("completion_tokens", 56)
          .put("total_tokens", 1290);
      byte[] body = Json.write(reply).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void plansWithTheConfiguredModelInOneCallAndRecordsItsTokens() throws Exception {
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    try (ChildBaton run = ChildBaton.start(home, List.of("BATON_MODEL=openai:gpt-4.1-mini",
        "OPENAI_API_KEY=test-key", "BATON_MODEL_BASE_URL=" + base), "run",
        "wait a moment and then tell Yoav", "--yes")) {
      assertThat(run.awaitExit(Duration.ofSeconds(90))).as(run.output()).isZero();
      // gpt-4.1-mini list price: 1,234 × $0.40/M + 56 × $1.60/M
      assertThat(run.output()).contains("model calls: 1", "tokens: 1290", "cost: $0.000583");
    }
    assertThat(requests).hasSize(1);
    assertThat(requests.getFirst().path("response_format").path("type").asString())
        .isEqualTo("json_schema");
    try (ExecutionStore store = JdbcExecutionStore.sqlite(home.resolve("baton.db"))) {
      var summary = store.list(null, 1).getFirst();
      ExecutionState s = store.load(summary.id());
      assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(s.usage().inputTokens()).isEqualTo(1234);
      assertThat(store.events(s.id(), 0)).anySatisfy(e -> assertThat(e)
          .isInstanceOfSatisfying(Event.ModelUsed.class,
              m -> assertThat(m.model()).isEqualTo("openai:gpt-4.1-mini")));
    }
    assertThat(home.resolve("outbox.txt")).content().contains("to Yoav: שלום");
  }
}
