package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.ExecutionId;
import dev.baton.server.auth.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a run with a retry and an approval, /metrics passes promtool and holds the series. */
class MetricsTest {
  @TempDir
  Path home;

  @Test
  void metricsPassPromtoolAndHoldTheSeries() throws Exception {
    try (TestServer s = TestServer.start(home)) {
      String op = s.key("default", Role.OPERATOR);
      String plan = """
          {"plan": {"steps": [
            {"id": "flaky", "tool": "demo.flaky", "args": {"failures": 1, "permanent": false}},
            {"id": "send", "tool": "demo.notify", "args": {"to": "Yoav", "message": "hi"},
             "after": ["flaky"]}]}}""";
      String id = s.post("/api/v1/executions", op, plan).json().get("id").asString();
      s.app.engine().await(ExecutionId.of(id), st -> !st.pendingApprovals().isEmpty(),
          Duration.ofSeconds(30));
      String approval = s.get("/api/v1/approvals", op).json().get("items").get(0).get("id")
          .asString();
      s.post("/api/v1/approvals/" + approval + "/approve", op, "");
      s.app.engine().awaitEnd(ExecutionId.of(id), Duration.ofSeconds(30));

      assertThat(s.get("/metrics", op).status()).isEqualTo(403);
      var r = s.get("/metrics", s.admin());
      assertThat(r.status()).isEqualTo(200);
      String text = r.body();
      assertThat(text).contains("baton_executions{status=\"succeeded\"} 1.0",
          "baton_step_duration_seconds_count", "baton_step_retries_total",
          "baton_cache_hits_total", "baton_rate_limit_waits_total",
          "baton_human_steps_waiting", "baton_approvals_requested_total");

      Path file = home.resolve("metrics.txt");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Process p = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
    }
  }
}
