package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.adapters.Engines;
import dev.baton.adapters.WallClock;
import dev.baton.core.engine.Engine;
import dev.baton.core.engine.EngineOptions;
import dev.baton.core.engine.Submission;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.testkit.TestTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines, as two processes would, on one SQLite file: what one records reaches the other
 * through the store alone (its watcher), and one takes over what the other left when it stopped.
 */
class EngineOnSqliteTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PLAN = """
      {"steps":[{"id":"send","tool":"test.send","args":{"to":"yoav","text":"hi"}},
                {"id":"then","tool":"test.echo","args":{"text":{"$ref":"send#/sent"}}}]}""";

  @TempDir
  Path folder;

  private final TestTools.Send send = new TestTools.Send();
  private final ToolCatalog catalog = ToolCatalog.of(send, new TestTools.Echo(),
      new TestTools.Sleep(WallClock.shared()));

  private Engine engine(JdbcExecutionStore store, String name, Duration lease) {
    return Engines.builder(store, catalog).options(EngineOptions.defaults(name)
        .withPollInterval(Duration.ofMillis(50)).withLeaseTtl(lease)
        .withAdoptOrphans(false)).build();
  }

  @Test
  void anApprovalRecordedByAnotherProcessWakesTheWaitingExecution() throws Exception {
    try (JdbcExecutionStore one = JdbcExecutionStore.sqlite(folder.resolve("baton.db"));
        JdbcExecutionStore two = JdbcExecutionStore.sqlite(folder.resolve("baton.db"));
        Engine runner = engine(one, "runner", Duration.ofSeconds(15));
        Engine other = engine(two, "other", Duration.ofSeconds(15))) {
      var handle = runner.submit(Submission.of(PlanCodec.parse(PLAN)));
      Approval a = runner.await(handle.id(), s -> !s.pendingApprovals().isEmpty(), WAIT)
          .pendingApprovals().getFirst();
      assertThat(two.pendingApprovals(null)).extracting(Approval::id).containsExactly(a.id());

      other.approve(a.id(), null, "dana", null);

      ExecutionState end = handle.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(end.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(end.step(StepId.of("then")).output().get("text").asString())
          .isEqualTo("yoav: hi");
      assertThat(other.result(handle.id()).get(WAIT.toSeconds(), TimeUnit.SECONDS).status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(send.sent).hasSize(1);
    }
  }

  @Test
  void anotherProcessTakesOverWhenTheHolderStopsAndTheApprovalStaysPending() throws Exception {
    ExecutionId id;
    try (JdbcExecutionStore one = JdbcExecutionStore.sqlite(folder.resolve("baton.db"))) {
      Engine first = engine(one, "first", Duration.ofSeconds(1));
      id = first.submit(Submission.of(PlanCodec.parse(PLAN))).id();
      first.await(id, s -> !s.pendingApprovals().isEmpty(), WAIT);
      // why: a crash: nothing drains and nothing is let go; the lease must run out
      first.halt();
    }
    try (JdbcExecutionStore two = JdbcExecutionStore.sqlite(folder.resolve("baton.db"));
        Engine second = engine(two, "second", Duration.ofSeconds(15))) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!second.running(id) && System.nanoTime() < deadline) {
        second.recover();
        Thread.sleep(100);
      }
      assertThat(second.running(id)).isTrue();
      Approval a = two.pendingApprovals(null).getFirst();
      second.approve(a.id(), null, "dana", null);
      ExecutionState end = second.result(id).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(end.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(end.step(StepId.of("send")).status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(send.byKey.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }
  }
}
