package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.auth.Role;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, reading, steering and answering executions over real HTTP, on SQLite. */
class ExecutionsApiTest {
  static final String APPROVAL_PLAN = """
      {"plan": {"steps": [
        {"id": "read", "tool": "demo.sleep", "args": {"millis": 1, "text": "Yoav"}},
        {"id": "send", "tool": "demo.notify", "args": {"to": {"$ref": "read#/text"},
                                                     "message": "hello"}}]}}""";

  @TempDir
  Path home;
  TestServer s;
  String operator;

  @BeforeEach
  void start() {
    s = TestServer.start(home);
    operator = s.key("default", Role.OPERATOR);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  String startWaiting(String key) {
    var r = s.post("/api/v1/executions", key, APPROVAL_PLAN);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.header("Location")).endsWith(r.json().get("id").asString());
    String id = r.json().get("id").asString();
    s.app.engine().await(dev.baton.core.exec.ExecutionId.of(id),
        st -> !st.pendingApprovals().isEmpty(), java.time.Duration.ofSeconds(30));
    return id;
  }

  @Test
  void anApprovalIsAnsweredWithEditedArgumentsAndTheExecutionSucceeds() {
    String id = startWaiting(operator);
    var approvals = s.get("/api/v1/approvals", operator).json().get("items");
    assertThat(approvals).hasSize(1);
    String approval = approvals.get(0).get("id").asString();
    assertThat(approvals.get(0).get("arguments").get("to").asString()).isEqualTo("Yoav");

    var bad = s.post("/api/v1/approvals/" + approval + "/approve", operator,
        "{\"arguments\": {\"to\": 5, \"message\": \"x\"}}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().get("code").asString()).isEqualTo("APPROVAL_INVALID_EDIT");

    var ok = s.post("/api/v1/approvals/" + approval + "/approve", operator,
        "{\"arguments\": {\"to\": \"Noa\", \"message\": \"edited\"}, \"comment\": \"fine\"}");
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    var end = s.app.engine().awaitEnd(dev.baton.core.exec.ExecutionId.of(id),
        java.time.Duration.ofSeconds(30));
    assertThat(end.status().name()).isEqualTo("SUCCEEDED");
    var view = s.get("/api/v1/executions/" + id, operator).json();
    assertThat(view.get("status").asString()).isEqualTo("succeeded");
    assertThat(view.get("steps").get(1).get("status").asString()).isEqualTo("succeeded");
    assertThat(s.post("/api/v1/approvals/" + approval + "/approve", operator, "").status())
        .isEqualTo(409);

    assertThat(s.get("/api/v1/executions/" + id + "/trace", operator).json()
        .get("children")).isNotEmpty();
    assertThat(s.get("/api/v1/executions/" + id + "/metrics", operator).json()
        .get("attempts").asInt()).isEqualTo(2);
    assertThat(s.get("/api/v1/executions/" + id + "/plan/versions", operator).json()
        .get("items")).hasSize(1);
    assertThat(s.get("/api/v1/executions/" + id + "/plan/versions/1", operator).status())
        .isEqualTo(200);
    assertThat(s.get("/api/v1/executions/" + id + "/plan/versions/9", operator).status())
        .isEqualTo(404);
    assertThat(s.post("/api/v1/executions/" + id + "/feedback", operator,
        "{\"rating\": \"good\", \"comment\": \"just right\"}").status()).isEqualTo(201);
    assertThat(s.get("/api/v1/executions/" + id + "/feedback", operator).json().get("items")
        .get(0).get("rating").asString()).isEqualTo("good");
  }

  @Test
  void aRejectionNeedsAReasonAndSkipsTheStep() {
    String id = startWaiting(operator);
    String approval = s.get("/api/v1/approvals", operator).json().get("items").get(0).get("id")
        .asString();
    var noReason = s.post("/api/v1/approvals/" + approval + "/reject", operator, "{}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("problems").get(0).get("location").asString())
        .isEqualTo("/reason");
    assertThat(s.post("/api/v1/approvals/" + approval + "/reject", operator,
        "{\"reason\": \"not now\"}").status()).isEqualTo(200);
    var end = s.app.engine().awaitEnd(dev.baton.core.exec.ExecutionId.of(id),
        java.time.Duration.ofSeconds(30));
    assertThat(end.step(dev.baton.core.plan.StepId.of("send")).status().name())
        .isEqualTo("SKIPPED");
  }

  @Test
  void pauseResumeAndCancel() {
    String id = startWaiting(operator);
    assertThat(s.post("/api/v1/executions/" + id + "/pause", operator, "").json()
        .get("status").asString()).isEqualTo("paused");
    assertThat(s.post("/api/v1/executions/" + id + "/resume", operator, "").status())
        .isEqualTo(200);
    assertThat(s.post("/api/v1/executions/" + id + "/cancel", operator, "").json()
        .get("status").asString()).isEqualTo("cancelled");
    var again = s.post("/api/v1/executions/" + id + "/pause", operator, "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").asString()).isEqualTo("EXECUTION_ILLEGAL_TRANSITION");
  }

  @Test
  void aRequestIsAcceptedAtOnceAndPlannedByTheEngine() {
    var r = s.post("/api/v1/executions", operator,
        "{\"request\": \"read what we did in December on Tevuot\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    assertThat(r.json().get("status").asString()).isIn("planning", "running", "succeeded",
        "waiting_for_approval");
    String id = r.json().get("id").asString();
    s.app.engine().await(dev.baton.core.exec.ExecutionId.of(id), st -> st.plan() != null,
        java.time.Duration.ofSeconds(60));
    assertThat(s.get("/api/v1/executions/" + id + "/plan", operator).json().get("plan")
        .get("steps")).isNotEmpty();
  }

  @Test
  void validateOnlyAndSimulateRunNothing() {
    String body = APPROVAL_PLAN.replace("{\"plan\"", "{\"mode\": \"validateOnly\", \"plan\"");
    var v = s.post("/api/v1/executions", operator, body);
    assertThat(v.status()).isEqualTo(200);
    assertThat(v.json().get("valid").asBoolean()).isTrue();
    var sim = s.post("/api/v1/executions", operator,
        APPROVAL_PLAN.replace("{\"plan\"", "{\"mode\": \"simulate\", \"plan\""));
    assertThat(sim.status()).as(sim.toString()).isEqualTo(200);
    assertThat(sim.json().get("simulation").get("sideEffectCalls").asInt()).isZero();
    assertThat(sim.json().get("simulation").get("humanSteps")).hasSize(1);
    assertThat(s.get("/api/v1/executions", operator).json().get("items")).isEmpty();
  }

  @Test
  void badInputIsLocatedAndNothingIsStored() {
    var malformed = s.post("/api/v1/executions", operator, "{\"plan\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("code").asString()).isEqualTo("REQUEST_INVALID");
    var unknown = s.post("/api/v1/executions", operator, "{\"request\": \"x\", \"colour\": 1}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("problems").get(0).get("location").asString())
        .isEqualTo("/colour");
    var invalid = s.post("/api/v1/executions", operator,
        "{\"plan\": {\"steps\": [{\"id\": \"a\", \"tool\": \"no.such\", \"args\": {}}]}}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().get("code").asString()).isEqualTo("PLAN_INVALID");
    assertThat(invalid.json().get("problems").get(0).get("location").asString()).isNotBlank();
    var shape = s.post("/api/v1/executions", operator, "{\"plan\": {\"stepz\": []}}");
    assertThat(shape.status()).isEqualTo(400);
    assertThat(shape.json().get("problems").toString()).contains("/plan");
    var huge = s.post("/api/v1/executions", operator, "{\"request\": \""
        + "x".repeat(2 << 20) + "\"}");
    assertThat(huge.status()).isEqualTo(413);
    assertThat(s.get("/api/v1/executions", operator).json().get("items")).isEmpty();
  }

  @Test
  void theSameIdempotencyKeyTwiceStartsOneExecution() {
    String plan = "{\"plan\": {\"steps\": [{\"id\": \"a\", \"tool\": \"demo.sleep\","
        + " \"args\": {\"millis\": 1, \"text\": \"x\"}}]}}";
    var first = TestServer.send(HttpRequest.newBuilder(s.uri("/api/v1/executions"))
        .header("Idempotency-Key", "k-1").POST(HttpRequest.BodyPublishers.ofString(plan)),
        operator);
    var second = TestServer.send(HttpRequest.newBuilder(s.uri("/api/v1/executions"))
        .header("Idempotency-Key", "k-1").POST(HttpRequest.BodyPublishers.ofString(plan)),
        operator);
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
    var other = TestServer.send(HttpRequest.newBuilder(s.uri("/api/v1/executions"))
        .header("Idempotency-Key", "k-1").POST(HttpRequest.BodyPublishers.ofString(
            plan.replace("\"x\"", "\"y\""))), operator);
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(s.get("/api/v1/executions", operator).json().get("items")).hasSize(1);
  }

  @Test
  void listingPagesWithACursorAndFilters() {
    String plan = "{\"plan\": {\"steps\": [{\"id\": \"a\", \"tool\": \"demo.sleep\","
        + " \"args\": {\"millis\": 1, \"text\": \"x\"}}]}}";
    for (int i = 0; i < 5; i++) {
      assertThat(s.post("/api/v1/executions", operator, plan).status()).isEqualTo(201);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var page = s.get("/api/v1/executions?limit=2" + (cursor == null ? "" : "&cursor="
          + cursor), operator).json();
      page.get("items").forEach(i -> seen.add(i.get("id").asString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    assertThat(s.get("/api/v1/executions?status=nonsense", operator).status()).isEqualTo(400);
    assertThat(s.get("/api/v1/executions?cursor=zzz", operator).status()).isEqualTo(400);
  }

  @Test
  void toolsComeWithTheirSchemas() {
    var tools = s.get("/api/v1/tools", operator).json().get("items");
    assertThat(tools.size()).isGreaterThan(5);
    var notify = s.get("/api/v1/tools/demo.notify", operator).json();
    assertThat(notify.get("sideEffect").asBoolean()).isTrue();
    assertThat(notify.get("inputSchema").get("properties").has("to")).isTrue();
    assertThat(s.get("/api/v1/tools/no.such", operator).status()).isEqualTo(404);
  }
}
