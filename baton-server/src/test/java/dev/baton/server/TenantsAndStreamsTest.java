package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.ExecutionId;
import dev.baton.server.auth.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenants cannot see each other (404 for every id of another tenant), and the live streams resume
 * with Last-Event-ID without a gap or a duplicate, also across a server restart; on SQLite and on
 * PostgreSQL.
 */
class TenantsAndStreamsTest {
  @TempDir
  Path home;

  TestServer start() {
    return TestServer.start(home);
  }

  @Test
  void anotherTenantsExecutionsApprovalsAndStreamsAreNotFound() {
    try (TestServer s = start()) {
      isolation(s);
    }
  }

  @Test
  void anotherTenantIsNotFoundOnPostgres() {
    try (TestServer s = Pg.start(home, getClass())) {
      isolation(s);
    }
  }

  static void isolation(TestServer s) {
    String a = s.key("acme", Role.ADMIN);
    String b = s.key("globex", Role.ADMIN);
    var started = s.post("/api/v1/executions", a, ExecutionsApiTest.APPROVAL_PLAN);
    String id = started.json().get("id").asString();
    s.app.engine().await(ExecutionId.of(id), st -> !st.pendingApprovals().isEmpty(),
        Duration.ofSeconds(30));
    String approval = s.get("/api/v1/approvals", a).json().get("items").get(0).get("id")
        .asString();

    List<TestServer.Response> answers = List.of(
        s.get("/api/v1/executions/" + id, b),
        s.get("/api/v1/executions/" + id + "/events", b),
        s.get("/api/v1/executions/" + id + "/plan", b),
        s.get("/api/v1/executions/" + id + "/trace", b),
        s.get("/api/v1/executions/" + id + "/logs", b),
        s.get("/api/v1/executions/" + id + "/stream", b),
        s.post("/api/v1/executions/" + id + "/cancel", b, ""),
        s.post("/api/v1/executions/" + id + "/pause", b, ""),
        s.get("/api/v1/approvals/" + approval, b),
        s.post("/api/v1/approvals/" + approval + "/approve", b, ""),
        s.post("/api/v1/approvals/" + approval + "/reject", b, "{\"reason\": \"x\"}"));
    for (var r : answers) {
      assertThat(r.status()).as(r.toString()).isEqualTo(404);
      assertThat(r.body()).doesNotContain("Yoav");
    }
    assertThat(s.get("/api/v1/executions", b).json().get("items")).isEmpty();
    assertThat(s.get("/api/v1/approvals", b).json().get("items")).isEmpty();
    // the nonexistent id answers exactly alike
    var none = s.get("/api/v1/executions/" + ExecutionId.random().value(), b);
    assertThat(none.json().get("code")).isEqualTo(answers.get(0).json().get("code"));
    assertThat(s.get("/api/v1/executions/" + id, a).json().get("status").asString())
        .isEqualTo("waiting_for_approval");
  }

  @Test
  void aStreamResumesWithoutGapOrDuplicateAlsoAcrossARestart() throws Exception {
    String id;
    String key;
    List<Sse.Event> received = new ArrayList<>();
    try (TestServer s = start()) {
      key = s.key("default", Role.OPERATOR);
      id = s.post("/api/v1/executions", key, ExecutionsApiTest.APPROVAL_PLAN).json()
          .get("id").asString();
      // first connection: until the approval is asked, then the client goes away
      received.addAll(Sse.read(s.uri("/api/v1/executions/" + id + "/stream"), key, null,
          e -> "ApprovalRequested".equals(e.type())));
    }
    try (TestServer s = start()) {
      // the server restarted; the client reconnects where it was
      String last = received.get(received.size() - 1).id();
      String approval = s.get("/api/v1/approvals", key).json().get("items").get(0).get("id")
          .asString();
      Thread.ofVirtual().start(() -> {
        try {
          Thread.sleep(300);
          s.post("/api/v1/approvals/" + approval + "/approve", key, "");
        } catch (InterruptedException ignored) {
          Thread.currentThread().interrupt();
        }
      });
      received.addAll(Sse.read(s.uri("/api/v1/executions/" + id + "/stream"), key, last,
          e -> "end".equals(e.type())));
      List<Long> ids = received.stream().filter(e -> e.id() != null)
          .map(e -> Long.parseLong(e.id())).toList();
      assertThat(ids).doesNotHaveDuplicates();
      for (int i = 0; i < ids.size(); i++) {
        assertThat(ids.get(i)).isEqualTo(i + 1L);
      }
      assertThat(received.get(received.size() - 1).type()).isEqualTo("end");
      assertThat(ids.get(ids.size() - 1)).isEqualTo(
          s.app.store().summary(ExecutionId.of(id)).orElseThrow().lastSeq());

      // the tenant's stream: positions rise, and a reconnect misses nothing
      List<Sse.Event> all = Sse.read(s.uri("/api/v1/stream"), key, "0",
          e -> e.data().contains("\"to\":\"SUCCEEDED\""));
      List<Sse.Event> tail = Sse.read(s.uri("/api/v1/stream"), key,
          all.get(all.size() / 2 - 1).id(), e -> e.data().contains("\"to\":\"SUCCEEDED\""));
      assertThat(tail).isEqualTo(all.subList(all.size() / 2, all.size()));
      List<Long> positions = all.stream().map(e -> Long.parseLong(e.id())).toList();
      assertThat(positions).isSorted().doesNotHaveDuplicates();
      assertThat(all).hasSize(ids.size());
    }
  }

  @Test
  void eventsAppendedByAnotherProcessReachTheStream() throws Exception {
    try (TestServer s = start()) {
      String key = s.key("default", Role.VIEWER);
      // another process: a second Baton on the same database file, not this server's engine
      try (var other = dev.baton.app.BatonApp.open(dev.baton.app.ConfigLoader.load(home,
          Map.of("BATON_POLL_INTERVAL", "50ms"), Map.of()))) {
        var plan = dev.baton.core.plan.PlanCodec.parse("""
            {"steps": [{"id": "a", "tool": "demo.sleep", "args": {"millis": 1, "text": "x"}}]}""");
        var handle = other.engine().submit(dev.baton.core.engine.Submission.of(plan));
        handle.result().get();
        List<Sse.Event> events = Sse.read(s.uri("/api/v1/executions/" + handle.id().value()
            + "/stream"), key, null, e -> "end".equals(e.type()));
        assertThat(events.get(events.size() - 1).type()).isEqualTo("end");
      }
    }
  }
}
