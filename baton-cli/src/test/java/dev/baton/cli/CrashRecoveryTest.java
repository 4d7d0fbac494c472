package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.StepId;
import dev.baton.core.port.ExecutionStore;
import dev.baton.store.jdbc.JdbcExecutionStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real JVM runs a plan, is killed with SIGKILL mid-execution, and another JVM finishes it: no
 * finished step runs again, the pending approval is still pending, the side effect happens once.
 */
class CrashRecoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path home;

  @Test
  void killedJvmIsResumedByAnotherWithNoFinishedStepRunTwice() throws Exception {
    Files.writeString(home.resolve("baton.properties"),
        "engine.lease-ttl=2s\nengine.poll-interval=100ms\n");
    Path plan = home.resolve("plan.json");
    Files.writeString(plan, """
        {"steps":[
          {"id":"a","tool":"demo.sleep","args":{"millis":200}},
          {"id":"b","tool":"demo.sleep","args":{"millis":200},"after":["a"]},
          {"id":"c","tool":"demo.sleep","args":{"millis":4000},"after":["b"]},
          {"id":"d","tool":"demo.sleep","args":{"millis":100},"after":["c"]},
          {"id":"tell","tool":"demo.notify","args":{"to":"יואב","message":"נפגשים ביום ראשון"}}
        ]}""", StandardCharsets.UTF_8);

    String id;
    try (ChildBaton first = ChildBaton.start(home, "run", "--plan", plan.toString(), "--json", "--wait")) {
      String created = first.awaitLine(l -> l.contains("\"type\":\"ExecutionCreated\""), WAIT);
      id = created.replaceAll(".*\"execution\":\"(ex-[0-9a-f]+)\".*", "$1");
      first.awaitLine(l -> l.contains("\"type\":\"ApprovalRequested\""), WAIT);
      first.awaitLine(l -> l.contains("\"type\":\"StepStarted\"") && l.contains("\"step\":\"c\""),
          WAIT);
      first.kill();
    }

    ExecutionId execution = ExecutionId.of(id);
    Approval pending;
    try (ExecutionStore store = JdbcExecutionStore.sqlite(home.resolve("baton.db"))) {
      ExecutionState s = store.load(execution);
      assertThat(s.status().terminal()).isFalse();
      assertThat(s.step(StepId.of("a")).status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(s.step(StepId.of("b")).status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(s.step(StepId.of("c")).status()).isEqualTo(StepStatus.RUNNING);
      assertThat(s.pendingApprovals()).hasSize(1);
      pending = s.pendingApprovals().getFirst();
    }

    try (ChildBaton second = ChildBaton.start(home, "recover")) {
      second.awaitLine(l -> l.startsWith("recovering " + id), WAIT);
      CliHarness.Result approved = CliHarness.run("--home", home.toString(), "approve",
          pending.id().value());
      assertThat(approved.exit()).as(approved.err()).isZero();
      assertThat(second.awaitExit(WAIT)).as(second.output()).isZero();
    }

    try (ExecutionStore store = JdbcExecutionStore.sqlite(home.resolve("baton.db"))) {
      ExecutionState s = store.load(execution);
      assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(s.steps().values()).allSatisfy(st ->
          assertThat(st.status()).isEqualTo(StepStatus.SUCCEEDED));
    }
    Map<String, Long> starts = count(home.resolve("demo-calls.log"), "start");
    Map<String, Long> ends = count(home.resolve("demo-calls.log"), "end");
    // finished before the kill: never again; in flight at the kill: started again, ended once
    assertThat(starts).containsEntry(id + "/a", 1L).containsEntry(id + "/b", 1L)
        .containsEntry(id + "/c", 2L).containsEntry(id + "/d", 1L)
        .containsEntry(id + "/tell", 1L);
    assertThat(ends).containsOnly(Map.entry(id + "/a", 1L), Map.entry(id + "/b", 1L),
        Map.entry(id + "/c", 1L), Map.entry(id + "/d", 1L), Map.entry(id + "/tell", 1L));
    assertThat(Files.readAllLines(home.resolve("outbox.txt"))).singleElement()
        .asString().contains("נפגשים ביום ראשון");
  }

  private static Map<String, Long> count(Path journal, String kind) throws IOException {
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    return lines.stream().filter(l -> l.startsWith(kind + " ")).map(l -> l.substring(
        kind.length() + 1)).collect(Collectors.groupingBy(Function.identity(),
        Collectors.counting()));
  }
}
