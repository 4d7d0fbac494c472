package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.BatonApp;
import dev.baton.app.ConfigLoader;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.StepId;
import dev.baton.server.auth.LocalKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton serve} as its own process: it answers, and stopping it (SIGTERM, as Ctrl-C) drains:
 * the step in flight finishes and is recorded, nothing new starts, the live stream ends, and the
 * execution is left for the next process.
 */
class ServeProcessTest {
  @TempDir
  Path home;

  @Test
  void stoppingTheServerDrainsLikeTheCli() throws Exception {
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "dev.baton.cli.Main", "--home", home.toString(),
        "serve", "--port", "0").redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8));
      String line;
      URI base = null;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("Baton is serving on ")) {
          base = URI.create(line.substring("Baton is serving on ".length()).split(" ")[0]);
          break;
        }
      }
      assertThat(base).as("the server said where it listens").isNotNull();
      String key = LocalKey.read(LocalKey.file(home)).orElseThrow();
      var started = TestServer.send(java.net.http.HttpRequest.newBuilder(base.resolve(
          "/api/v1/executions")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
          {"plan": {"steps": [
            {"id": "slow", "tool": "demo.sleep", "args": {"millis": 1500, "text": "x"}},
            {"id": "next", "tool": "demo.sleep", "args": {"millis": 1, "text": "y"},
             "after": ["slow"]}]}}""")), key);
      assertThat(started.status()).isEqualTo(201);
      String id = started.json().get("id").asString();
      // the stream shows the slow step started; then the server is told to stop
      List<Sse.Event> seen = Sse.read(base.resolve("/api/v1/executions/" + id + "/stream"), key,
          null, e -> "StepStarted".equals(e.type()));
      assertThat(seen).isNotEmpty();
      p.destroy();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    try (BatonApp app = BatonApp.lazy(ConfigLoader.load(home, Map.of(), Map.of()), false)) {
      var id = app.store().list(null, 1).get(0).id();
      var state = app.store().load(id);
      assertThat(state.step(StepId.of("slow")).status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(state.step(StepId.of("next")) == null
          || state.step(StepId.of("next")).status() == StepStatus.PENDING).isTrue();
      assertThat(state.status().terminal()).isFalse();
    }
  }
}
