package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.port.ExecutionStore;
import dev.baton.store.jdbc.JdbcExecutionStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL holds its executions by a lease that would last ten minutes; on
 * the same host it is provably gone, so its execution shows as orphaned and is taken over at once
 * (the test's waits are far shorter than the lease: a takeover that waited for it would fail).
 */
class OrphanTakeoverTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path home;

  @Test
  void aKilledProcessesExecutionIsOrphanedAndResumeTakesItOverAtOnce() throws Exception {
    Files.writeString(home.resolve("baton.properties"),
        "engine.lease-ttl=10m\nengine.poll-interval=100ms\n");
    Path plan = home.resolve("plan.json");
    Files.writeString(plan, """
        {"steps":[
          {"id":"a","tool":"demo.sleep","args":{"millis":100}},
          {"id":"long","tool":"demo.sleep","args":{"millis":3000},"after":["a"]},
          {"id":"z","tool":"demo.sleep","args":{"millis":100},"after":["long"]}
        ]}""", StandardCharsets.UTF_8);

    String id;
    try (ChildBaton first = ChildBaton.start(home, "run", "--plan", plan.toString(), "--json")) {
      String created = first.awaitLine(l -> l.contains("\"type\":\"ExecutionCreated\""), WAIT);
      id = created.replaceAll(".*\"execution\":\"(ex-[0-9a-f]+)\".*", "$1");
      // why: killed once the attempt of "long" is on record, so taking over makes a second one
      first.awaitLine(l -> l.contains("\"type\":\"AttemptStarted\"")
          && l.contains("\"step\":\"long\""), WAIT);
      first.kill();
    }

    CliHarness.Result status = CliHarness.run("--home", home.toString(), "status", id);
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("orphaned: no live process holds it; baton resume " + id);

    try (ChildBaton second = ChildBaton.start(home, "resume", id)) {
      second.awaitLine(l -> l.startsWith("took over " + id), WAIT);
      assertThat(second.awaitExit(WAIT)).as(second.output()).isZero();
    }
    try (ExecutionStore store = JdbcExecutionStore.sqlite(home.resolve("baton.db"))) {
      ExecutionState s = store.load(ExecutionId.of(id));
      assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(s.step(dev.baton.core.plan.StepId.of("long")).attempts()).isEqualTo(2);
    }
  }
}
