package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.ExecutionId;
import dev.baton.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The AG-UI client from npm ({@code @ag-ui/client}, installed by scripts/install-test-deps.sh)
 * follows a run of the seed plan and answers its approvals through interrupts and resume.
 */
class AgUiTest {
  static final Path CLIENT = Path.of("src/test/agui");

  @TempDir
  Path home;

  @Test
  void anAgUiClientFollowsTheSeedPlanAndAnswersItsApprovals() throws Exception {
    assertThat(CLIENT.resolve("node_modules/@ag-ui/client")).as("run"
        + " scripts/install-test-deps.sh (npm install in " + CLIENT + ")").isDirectory();
    try (TestServer s = TestServer.start(home)) {
      String thread = "ex-agui-" + Long.toHexString(System.nanoTime());
      Path plan = Path.of("../examples/seed-plan.json").toAbsolutePath();
      Process p = new ProcessBuilder("node", "agui-run.mjs", s.uri("/api/v1/agui").toString(),
          s.admin(), thread, plan.toString()).directory(CLIENT.toFile())
          .redirectError(home.resolve("node.err").toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out + Files.readString(home.resolve("node.err"))).isZero();

      JsonNode summary = Json.parse(out.strip(), dev.baton.core.error.ErrorCode.INTERNAL, "out");
      assertThat(summary.path("outcome").path("type").asString("")).as(out + Files.readString(home.resolve("node.err"))).isEqualTo("success");
      assertThat(summary.get("answered")).isNotEmpty();
      assertThat(summary.get("answered").get(0).get("reason").asString()).isEqualTo("approval");
      assertThat(summary.get("runs").asInt()).isGreaterThan(1);
      assertThat(summary.get("types").toString()).contains("RUN_STARTED", "RUN_FINISHED",
          "STEP_STARTED", "STEP_FINISHED", "TOOL_CALL_START", "TOOL_CALL_ARGS", "TOOL_CALL_END",
          "TOOL_CALL_RESULT", "STATE_SNAPSHOT", "STATE_DELTA");
      assertThat(summary.get("toolCalls").toString()).contains("files.search");
      assertThat(summary.get("state").get("status").asString()).isEqualTo("succeeded");
      assertThat(s.app.store().summary(ExecutionId.of(thread)).orElseThrow().status().name())
          .isEqualTo("SUCCEEDED");
    }
  }
}
