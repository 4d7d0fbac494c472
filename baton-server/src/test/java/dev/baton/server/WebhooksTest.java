package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.json.Json;
import dev.baton.server.auth.Role;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks to a real receiver that checks every delivery with its own HMAC code (not Baton's
 * signer), which reproduces the Standard Webhooks specification's test vector; a receiver that
 * fails twice then recovers gets every event; loopback and private targets are refused unless
 * allow-listed.
 */
class WebhooksTest {
  @TempDir
  Path home;
  HttpServer receiver;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresLeft = new AtomicInteger();
  volatile String secret;

  record Received(String id, String timestamp, String signature, String body, boolean valid,
      int answered) {}

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String id = ex.getRequestHeaders().getFirst("webhook-id");
      String ts = ex.getRequestHeaders().getFirst("webhook-timestamp");
      String sig = ex.getRequestHeaders().getFirst("webhook-signature");
      boolean valid = secret != null && verify(secret, id, ts, body, sig);
      int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
      received.add(new Received(id, ts, sig, body, valid, status));
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  /** The receiver's own check: v1,base64(HMAC-SHA256(secret, id.timestamp.body)). */
  static boolean verify(String secret, String id, String timestamp, String body,
      String signatures) {
    String expected = sign(secret, id, Long.parseLong(timestamp), body);
    for (String s : signatures.split(" ")) {
      if (java.security.MessageDigest.isEqual(s.getBytes(StandardCharsets.US_ASCII),
          expected.getBytes(StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }

  static String sign(String secret, String id, long timestamp, String body) {
    try {
      byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal((id + "." + timestamp + "." + body)
          .getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theReceiversOwnCheckReproducesTheSpecificationsTestVector() throws Exception {
    // https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    long ts = 1614265330;
    String body = "{\"test\": 2432232314}";
    String expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    assertThat(sign(secret, id, ts, body)).isEqualTo(expected);
    assertThat(new com.standardwebhooks.Webhook(secret).sign(id, ts, body)).isEqualTo(expected);
  }

  TestServer server(boolean allowLoopback) {
    ServerOptions o = ServerOptions.defaults().withPort(0).withPollInterval(Duration.ofMillis(50))
        .withHeartbeat(Duration.ofSeconds(1)).withWebhookRetryBase(Duration.ofMillis(100));
    if (allowLoopback) {
      o = o.withWebhookAllowList(List.of("127.0.0.1:" + receiver.getAddress().getPort()));
    }
    return TestServer.start(home, Map.of(), o);
  }

  String hookUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  @Test
  void aReceiverThatFailsTwiceThenRecoversGetsEveryEventSignedAndNoneLost() throws Exception {
    failuresLeft.set(2);
    try (TestServer s = server(true)) {
      var made = s.post("/api/v1/webhooks", s.admin(), "{\"url\": \"" + hookUrl()
          + "\", \"events\": [\"StatusChanged\", \"ApprovalRequested\", \"StepSucceeded\"]}");
      assertThat(made.status()).as(made.toString()).isEqualTo(201);
      secret = made.json().get("secret").asString();
      String hook = made.json().get("id").asString();
      assertThat(s.get("/api/v1/webhooks/" + hook, s.admin()).body()).doesNotContain(secret);

      String op = s.key("default", Role.OPERATOR);
      String id = s.post("/api/v1/executions", op, ExecutionsApiTest.APPROVAL_PLAN).json()
          .get("id").asString();
      s.app.engine().await(ExecutionId.of(id), st -> !st.pendingApprovals().isEmpty(),
          Duration.ofSeconds(30));
      String approval = s.get("/api/v1/approvals", op).json().get("items").get(0).get("id")
          .asString();
      s.post("/api/v1/approvals/" + approval + "/approve", op, "");
      s.app.engine().awaitEnd(ExecutionId.of(id), Duration.ofSeconds(30));

      List<String> expected = new ArrayList<>();
      for (var e : s.app.store().events(ExecutionId.of(id), 0)) {
        String type = e.getClass().getSimpleName();
        if (Set.of("StatusChanged", "ApprovalRequested", "StepSucceeded").contains(type)) {
          expected.add(type + "#" + e.seq());
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (delivered().size() < expected.size() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(received).allMatch(Received::valid);
      List<String> got = new ArrayList<>();
      for (Received r : received) {
        if (r.answered() == 204) {
          var data = Json.parse(r.body(), dev.baton.core.error.ErrorCode.INTERNAL, "body")
              .get("data").get("event");
          got.add(data.get("type").asString() + "#" + data.get("seq").asLong());
        }
      }
      assertThat(new LinkedHashSet<>(got)).containsExactlyInAnyOrderElementsOf(expected);
      // the two failed attempts came again with the same webhook-id
      List<String> failedIds = received.stream().filter(r -> r.answered() == 500)
          .map(Received::id).toList();
      assertThat(failedIds).hasSize(2);
      assertThat(delivered()).containsAll(failedIds);

      var log = s.get("/api/v1/webhooks/" + hook + "/deliveries?limit=200", s.admin()).json()
          .get("items");
      assertThat(log).allMatch(d -> d.get("status").asString().equals("delivered"));
      assertThat(s.post("/api/v1/webhooks/" + hook + "/test", s.admin(), "").status())
          .isEqualTo(202);
      deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.stream().noneMatch(r -> r.body().contains("baton.test"))
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(received).anyMatch(r -> r.body().contains("baton.test") && r.valid());

      // another tenant cannot see, test or delete it
      String other = s.key("globex", Role.ADMIN);
      assertThat(s.get("/api/v1/webhooks/" + hook, other).status()).isEqualTo(404);
      assertThat(s.post("/api/v1/webhooks/" + hook + "/test", other, "").status())
          .isEqualTo(404);
      assertThat(s.delete("/api/v1/webhooks/" + hook, other).status()).isEqualTo(404);
      assertThat(s.get("/api/v1/webhooks", other).json().get("items")).isEmpty();
      assertThat(s.delete("/api/v1/webhooks/" + hook, s.admin()).status()).isEqualTo(204);
    }
  }

  List<String> delivered() {
    return received.stream().filter(r -> r.answered() == 204).map(Received::id).toList();
  }

  @Test
  void loopbackAndPrivateTargetsAreRefusedUnlessAllowListed() {
    try (TestServer s = server(false)) {
      for (String url : List.of(hookUrl(), "http://localhost:9/x", "http://10.1.2.3/x",
          "http://192.168.1.1/x", "http://169.254.169.254/latest/meta-data",
          "http://[::1]:9/x", "http://[fd00::1]/x", "http://[::ffff:10.0.0.1]/x",
          "ftp://example.com/x")) {
        var r = s.post("/api/v1/webhooks", s.admin(), "{\"url\": \"" + url + "\"}");
        assertThat(r.status()).as(url + " " + r).isEqualTo(422);
        assertThat(r.json().get("code").asString()).isEqualTo("WEBHOOK_TARGET_REFUSED");
      }
      assertThat(s.get("/api/v1/webhooks", s.admin()).json().get("items")).isEmpty();
    }
    try (TestServer s = server(true)) {
      assertThat(s.post("/api/v1/webhooks", s.admin(), "{\"url\": \"" + hookUrl() + "\"}")
          .status()).isEqualTo(201);
    }
  }
}
