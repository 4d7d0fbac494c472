package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.auth.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key over its request rate gets 429 with a hint; other keys are not held up. */
class RateLimitTest {
  @TempDir
  Path home;

  @Test
  void aKeyOverItsRateGets429AndOthersGoOn() {
    try (TestServer s = TestServer.start(home, Map.of(), ServerOptions.defaults().withPort(0)
        .withPollInterval(Duration.ofMillis(50)).withRequestsPerMinute(5))) {
      String key = s.key("default", Role.VIEWER);
      int ok = 0;
      TestServer.Response last = null;
      for (int i = 0; i < 8; i++) {
        last = s.get("/api/v1/executions", key);
        if (last.status() != 200) {
          break;
        }
        ok++;
      }
      assertThat(ok).isEqualTo(5);
      assertThat(last.status()).isEqualTo(429);
      assertThat(last.json().get("code").asString()).isEqualTo("RATE_LIMITED");
      assertThat(last.header("Retry-After")).isNotNull();
      assertThat(s.get("/api/v1/executions", s.key("default", Role.VIEWER)).status())
          .isEqualTo(200);
    }
  }
}
