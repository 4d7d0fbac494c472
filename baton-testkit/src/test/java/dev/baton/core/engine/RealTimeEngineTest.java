package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.adapters.Engines;
import dev.baton.adapters.WallClock;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.memory.InMemoryExecutionStore;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.tool.ToolOptions;
import dev.baton.testkit.TestTools;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The same engine on the wall clock and virtual threads, for what only real threads show: an
 * interrupt reaches a tool that is really waiting, and real concurrency respects locks. Waits here
 * are bounded by generous timeouts, never asserted as durations.
 */
class RealTimeEngineTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final TestTools.Sleep sleep = new TestTools.Sleep(WallClock.shared());
  private final TestTools.Sleep slow = new TestTools.Sleep(WallClock.shared(), "test.slow",
      ToolOptions.readOnly().timeout(Duration.ofMillis(200)).retry(RetryPolicy.NONE).build());
  private final Engine engine = Engines.builder(new InMemoryExecutionStore(),
      ToolCatalog.of(sleep, slow)).build();

  @AfterEach
  void close() {
    engine.close();
  }

  private ExecutionId run(String json, ExecutionOptions options) {
    return engine.submit(Submission.of(PlanCodec.parse(json)).withOptions(options)).id();
  }

  @Test
  void cancelInterruptsAToolThatIsReallyWaiting() throws Exception {
    ExecutionId id = run("""
        {"steps":[{"id":"a","tool":"test.sleep","args":{"millis":600000}},
                  {"id":"b","tool":"test.sleep","args":{"millis":5},"after":["a"]}]}""",
        ExecutionOptions.DEFAULTS);
    engine.await(id, s -> s.step(StepId.of("a")).attempts() == 1, WAIT);
    awaitTrue(() -> sleep.concurrent.get() == 1);

    engine.cancel(id, "test");
    ExecutionState s = engine.result(id).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(s.status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(s.step(StepId.of("a")).status()).isEqualTo(StepStatus.CANCELLED);
    awaitTrue(() -> sleep.concurrent.get() == 0);
    assertThat(sleep.calls).isEmpty();
  }

  @Test
  void aTimeoutInterruptsTheCallAndFailsTheStep() throws Exception {
    ExecutionId id = run("""
        {"steps":[{"id":"a","tool":"test.slow","args":{"millis":600000}}]}""",
        ExecutionOptions.DEFAULTS);

    ExecutionState s = engine.result(id).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(s.step(StepId.of("a")).error().code()).isEqualTo(ErrorCode.STEP_TIMEOUT);
    awaitTrue(() -> slow.concurrent.get() == 0);
  }

  @Test
  void realThreadsNeverHoldALockedResourceTogether() throws Exception {
    StringBuilder steps = new StringBuilder("{\"steps\":[");
    for (int i = 0; i < 12; i++) {
      steps.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i).append("\",\"tool\":"
          + "\"test.sleep\",\"args\":{\"millis\":15,\"resource\":\"calendar:team\"}}");
    }
    ExecutionId id = run(steps + "]}", ExecutionOptions.DEFAULTS.withMaxParallel(12));

    ExecutionState s = engine.result(id).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sleep.calls).hasSize(12);
    assertThat(sleep.maxOverlapOn("calendar:team")).isEqualTo(1);
  }

  @Test
  void aThousandWayFanOutEndsWithEveryStepSucceeded() throws Exception {
    StringBuilder steps = new StringBuilder("{\"steps\":[{\"id\":\"root\",\"tool\":"
        + "\"test.sleep\",\"args\":{\"millis\":0}}");
    for (int i = 0; i < 1000; i++) {
      steps.append(",{\"id\":\"c").append(i).append("\",\"tool\":\"test.sleep\",\"args\":"
          + "{\"millis\":0},\"after\":[\"root\"]}");
    }
    ExecutionState s = engine.submit(Submission.of(PlanCodec.parse(steps + "]}"))
            .withOptions(ExecutionOptions.DEFAULTS.withMaxParallel(256))).result()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.finishedSteps()).isEqualTo(1001);
    assertThat(sleep.calls).hasSize(1001);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition did not hold within " + WAIT);
      }
      Thread.sleep(10);
    }
  }
}
