package dev.baton.mcphttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.app.BatonApp;
import dev.baton.app.ConfigLoader;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionId;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.auth.Role;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /mcp} of a real {@code baton serve} (SQLite, a free port, the extension found by
 * {@link java.util.ServiceLoader} as in {@code baton.jar}), driven over HTTP by the MCP SDK's own
 * Streamable HTTP client.
 */
class McpHttpTest {
  private static final String REQUEST = "Schedule a meeting with Noa tomorrow at 10";
  private static final String INITIALIZE = """
      {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
      "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path home;
  static BatonApp app;
  static BatonServer server;

  @BeforeAll
  static void start() {
    app = BatonApp.open(ConfigLoader.load(home, Map.of("BATON_POLL_INTERVAL", "50ms"), Map.of()),
        true);
    server = BatonServer.start(app, ServerOptions.defaults().withPort(0)
        .withPollInterval(Duration.ofMillis(50)));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (app != null) {
      app.close();
    }
  }

  private static String key(String tenant, Role role) {
    return server.context().keys().create(tenant, "test " + role.wire(), role).secret();
  }

  private static McpSyncClient client(String key) {
    var transport = HttpClientStreamableHttpTransport.builder(server.uri().toString())
        .endpoint(McpHttpExtension.PATH).jsonMapper(McpJsonDefaults.getMapper())
        .httpRequestCustomizer((builder, method, uri, body, context) -> {
          if (key != null) {
            builder.setHeader("Authorization", "Bearer " + key);
          }
        }).build();
    return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
        .initializationTimeout(Duration.ofSeconds(30))
        .clientInfo(new McpSchema.Implementation("test-assistant", "1")).build();
  }

  private static McpSyncClient connected(String key) {
    McpSyncClient c = client(key);
    c.initialize();
    return c;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> call(McpSyncClient c, String tool, Map<String, Object> args) {
    McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, args));
    assertThat(r.isError()).as(tool + ": " + r.content()).isFalse();
    return (Map<String, Object>) r.structuredContent();
  }

  /** The error text of a call that must fail as a tool error (not a crash, not a transport error). */
  private static String error(McpSyncClient c, String tool, Map<String, Object> args) {
    McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, args));
    assertThat(r.isError()).as(tool + ": " + r.content()).isTrue();
    return ((McpSchema.TextContent) r.content().getFirst()).text();
  }

  private static Map<String, Object> statusUntil(McpSyncClient c, String id,
      Predicate<Map<String, Object>> condition) throws InterruptedException {
    // why: the execution runs on the server's engine; this polls as a client would, with a
    // generous limit only so a broken build ends
    Map<String, Object> s = call(c, "baton_status", Map.of("execution", id));
    for (int i = 0; i < 600 && !condition.test(s); i++) {
      Thread.sleep(100);
      s = call(c, "baton_status", Map.of("execution", id));
    }
    assertThat(condition).accepts(s);
    return s;
  }

  private static HttpResponse<String> post(String key, String origin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(McpHttpExtension.PATH))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aClientPlansRunsApprovesAndReadsTheResultInItsKeysTenant() throws Exception {
    String id;
    String approvalId;
    try (McpSyncClient c = connected(key("acme", Role.OPERATOR))) {
      assertThat(c.listTools().tools()).extracting(McpSchema.Tool::name).contains("baton_plan",
          "baton_run", "baton_status", "baton_pending", "baton_approve", "baton_reject",
          "baton_answer");
      assertThat(call(c, "baton_plan", Map.of("request", REQUEST)).toString())
          .contains("calendar.create_event");

      id = (String) call(c, "baton_run", Map.of("request", REQUEST)).get("execution");
      statusUntil(c, id, s -> !((List<?>) s.get("pendingApprovals")).isEmpty());
      List<Map<String, Object>> pending = (List<Map<String, Object>>) call(c, "baton_pending",
          Map.of()).get("approvals");
      Map<String, Object> approval = pending.getFirst();
      assertThat(approval.get("tool")).isEqualTo("calendar.create_event");
      approvalId = (String) approval.get("approval");

      // another tenant's keys see nothing of it and cannot decide it
      try (McpSyncClient stranger = connected(key("globex", Role.ADMIN))) {
        assertThat(error(stranger, "baton_status", Map.of("execution", id)))
            .startsWith("EXECUTION_NOT_FOUND");
        assertThat((List<?>) call(stranger, "baton_pending", Map.of()).get("approvals"))
            .isEmpty();
        assertThat(error(stranger, "baton_approve", Map.of("approval", approvalId)))
            .startsWith("APPROVAL_NOT_FOUND");
      }
      // a viewer of the same tenant reads but does not decide or run
      try (McpSyncClient viewer = connected(key("acme", Role.VIEWER))) {
        assertThat(call(viewer, "baton_status", Map.of("execution", id)).get("status"))
            .isEqualTo("WAITING_FOR_APPROVAL");
        assertThat((List<?>) call(viewer, "baton_pending", Map.of()).get("approvals"))
            .hasSize(1);
        assertThat(call(viewer, "baton_plan", Map.of("request", REQUEST))).containsKey("plan");
        assertThat(error(viewer, "baton_approve", Map.of("approval", approvalId)))
            .startsWith("AUTH_FORBIDDEN");
        assertThat(error(viewer, "baton_reject", Map.of("approval", approvalId)))
            .startsWith("AUTH_FORBIDDEN");
        assertThat(error(viewer, "baton_run", Map.of("request", REQUEST)))
            .startsWith("AUTH_FORBIDDEN");
        // the server is still there for the next call
        assertThat(call(viewer, "baton_status", Map.of("execution", id)).get("status"))
            .isEqualTo("WAITING_FOR_APPROVAL");
      }

      call(c, "baton_approve", Map.of("approval", approvalId, "comment", "ok"));
      Map<String, Object> done = statusUntil(c, id, s -> List.of("SUCCEEDED", "FAILED",
          "CANCELLED").contains(s.get("status")));
      assertThat(done.get("status")).isEqualTo("SUCCEEDED");
    }
    Approval decided = app.store().load(ExecutionId.of(id)).approvals().values().stream()
        .filter(a -> a.id().value().equals(approvalId)).findFirst().orElseThrow();
    assertThat(decided.decidedBy()).isEqualTo("mcp:test-assistant (key test operator)");
    assertThat(app.store().summary(ExecutionId.of(id)).orElseThrow().tenant()).isEqualTo("acme");
  }

  @Test
  void withoutAValidKeyItIs401() throws Exception {
    HttpResponse<String> none = post(null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(post("bt_00000000_nonsense", null).statusCode()).isEqualTo(401);
    // the SDK's client gets no session either
    try (McpSyncClient c = client(null)) {
      assertThatThrownBy(c::initialize).isInstanceOf(RuntimeException.class);
    }
    // a key in the URL is refused, even a valid one
    String k = key("acme", Role.VIEWER);
    HttpResponse<String> inUrl = HTTP.send(HttpRequest.newBuilder(server.uri()
        .resolve(McpHttpExtension.PATH + "?api_key=" + k)).header("Authorization", "Bearer " + k)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(inUrl.statusCode()).isEqualTo(400);
  }

  @Test
  void aForeignOriginIs403AndTheServersOwnLoopbackOriginIsServed() throws Exception {
    String k = key("acme", Role.VIEWER);
    assertThat(post(k, "https://evil.example").statusCode()).isEqualTo(403);
    // a rebinding page served from another port of this machine is foreign too
    assertThat(post(k, "http://127.0.0.1:1").statusCode()).isEqualTo(403);
    assertThat(post(k, "null").statusCode()).isEqualTo(403);
    int port = server.port();
    assertThat(post(k, "http://127.0.0.1:" + port).statusCode()).isEqualTo(200);
    assertThat(post(k, "http://localhost:" + port).statusCode()).isEqualTo(200);
    assertThat(post(k, null).statusCode()).isEqualTo(200);
    // the SDK's client sending a foreign Origin cannot connect
    var transport = HttpClientStreamableHttpTransport.builder(server.uri().toString())
        .endpoint(McpHttpExtension.PATH).jsonMapper(McpJsonDefaults.getMapper())
        .httpRequestCustomizer((builder, method, uri, body, context) -> {
          builder.setHeader("Authorization", "Bearer " + k);
          builder.setHeader("Origin", "https://evil.example");
        }).build();
    try (McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
        .initializationTimeout(Duration.ofSeconds(30)).build()) {
      assertThatThrownBy(c::initialize).isInstanceOf(RuntimeException.class);
    }
  }

  @Test
  void anotherKeyCannotUseASessionItDidNotOpen() throws Exception {
    HttpResponse<String> opened = post(key("acme", Role.VIEWER), null);
    String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
    HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(server.uri()
        .resolve(McpHttpExtension.PATH)).header("Authorization", "Bearer "
        + key("acme", Role.ADMIN)).header("Mcp-Session-Id", session)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"jsonrpc":"2.0","id":2,"method":"tools/list"}""")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(404);
  }

  @Test
  void aKeysRequestsAreLimitedPerMinute(@TempDir Path other) throws Exception {
    try (BatonApp a = BatonApp.open(ConfigLoader.load(other, Map.of(), Map.of()), true);
        BatonServer s = BatonServer.start(a, ServerOptions.defaults().withPort(0)
            .withRequestsPerMinute(2))) {
      String k = s.context().keys().create("acme", "busy", Role.VIEWER).secret();
      HttpRequest.Builder b = HttpRequest.newBuilder(s.uri().resolve(McpHttpExtension.PATH))
          .header("Authorization", "Bearer " + k).header("Content-Type", "application/json")
          .header("Accept", "application/json, text/event-stream")
          .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
      List<Integer> statuses = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        statuses.add(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      }
      assertThat(statuses).containsExactly(200, 200, 429);
    }
  }

  @Test
  void configuredOriginsAreAllowedBesidesTheLoopbackOnes() {
    Origins o = new Origins(McpHttpExtension.origins(" https://assistant.example.com/ ,"));
    assertThat(o.allowed("https://assistant.example.com", 8080)).isTrue();
    assertThat(o.allowed("HTTP://LOCALHOST:8080", 8080)).isTrue();
    assertThat(o.allowed("http://[::1]:8080", 8080)).isTrue();
    assertThat(o.allowed("http://localhost", 8080)).isFalse();
    assertThat(o.allowed("http://localhost.evil.example:8080", 8080)).isFalse();
    assertThat(o.allowed("https://assistant.example.com:8443", 8080)).isFalse();
  }
}
