package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ApprovalStatus;
import dev.baton.core.exec.ArgumentDigest;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.json.Json;
import dev.baton.core.memory.LocalResourceLocks;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.StepId;
import dev.baton.core.port.ResourceLocks;
import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.tool.ToolOptions;
import dev.baton.testkit.FakeClock;
import dev.baton.testkit.TestEngine;
import dev.baton.testkit.TestTools;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine on virtual time: every test is deterministic and sleeps for nothing, so timings are
 * asserted exactly (a step that waits 300 ms ends 300 ms after it starts).
 */
class EngineTest {
  private static final Instant T0 = FakeClock.DEFAULT_START;
  private final TestTools.Send send = new TestTools.Send();
  private final TestTools.Echo echo = new TestTools.Echo();
  private TestTools.Sleep sleep;
  private TestTools.Flaky flaky;
  private TestEngine t;

  private TestEngine engine() {
    if (t == null) {
      t = TestEngine.create(runtime -> {
        sleep = new TestTools.Sleep(runtime);
        flaky = new TestTools.Flaky(runtime);
        return ToolCatalog.of(sleep, flaky, send, echo, new TestTools.Choose(),
            new TestTools.Sleep(runtime, "test.slow", ToolOptions.readOnly()
                .timeout(Duration.ofMillis(100)).retry(RetryPolicy.NONE).build()));
      });
    }
    return t;
  }

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  private ExecutionId run(String json, ExecutionOptions options) {
    return engine().submit(json, options).id();
  }

  private ExecutionId run(String json) {
    return run(json, ExecutionOptions.DEFAULTS);
  }

  private static Duration since(Instant at) {
    return Duration.between(T0, at);
  }

  private static StepId step(String id) {
    return StepId.of(id);
  }

  // ------------------------------------------------------------------ scheduling

  @Test
  void fastStepIsNotHeldBackByASlowSibling() {
    // a ─► b (fast) and c (slow) in parallel; b's dependent d starts as soon as b ends
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.sleep","args":{"millis":10}},
          {"id":"b","tool":"test.sleep","args":{"millis":10},"after":["a"]},
          {"id":"c","tool":"test.sleep","args":{"millis":600}},
          {"id":"d","tool":"test.sleep","args":{"millis":10},"after":["b"]}
        ]}""");
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(since(sleep.call("b").start())).isEqualTo(Duration.ofMillis(10));
    assertThat(since(sleep.call("d").start())).isEqualTo(Duration.ofMillis(20));
    assertThat(since(sleep.call("c").end())).isEqualTo(Duration.ofMillis(600));
    assertThat(since(s.updatedAt())).isEqualTo(Duration.ofMillis(600));
  }

  /** Each row: a plan of sleeps (id:millis:after), max parallel, and every step's start. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      chain of three         | a:100: b:50:a c:10:b                  | 8 | a@0 b@100 c@150
      diamond                | r:20: x:300:r y:60:r j:20:x+y          | 8 | r@0 x@20 y@20 j@320
      unbalanced DAG         | root:20: a1:300:root a2:60:a1 b1:60:root b2:180:b1 sink:20:a2+b2 | 8 | root@0 a1@20 b1@20 b2@80 a2@320 sink@380
      two at a time          | a:100: b:100: c:100: d:100:             | 2 | a@0 b@0 c@100 d@100
      longest chain first    | s:10: l:10: m:100:l                    | 1 | l@0 s@10 m@20
      """)
  void startsEveryStepTheMomentItCan(String name, String steps, int maxParallel,
      String expected) {
    StringBuilder plan = new StringBuilder("{\"steps\":[");
    String sep = "";
    for (String spec : steps.trim().split("\\s+")) {
      String[] p = spec.split(":", -1);
      plan.append(sep).append("{\"id\":\"").append(p[0]).append("\",\"tool\":\"test.sleep\","
          + "\"args\":{\"millis\":").append(p[1]).append("}");
      if (!p[2].isEmpty()) {
        plan.append(",\"after\":[\"").append(String.join("\",\"", p[2].split("\\+")))
            .append("\"]");
      }
      plan.append("}");
      sep = ",";
    }
    ExecutionId id = run(plan + "]}", ExecutionOptions.DEFAULTS.withMaxParallel(maxParallel));
    assertThat(t.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    for (String e : expected.trim().split("\\s+")) {
      String[] p = e.split("@");
      assertThat(since(sleep.call(p[0]).start())).as("start of " + p[0])
          .isEqualTo(Duration.ofMillis(Long.parseLong(p[1])));
    }
  }

  @Test
  void referencesCarryOutputsIntoArguments() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.echo","args":{"text":"תבואות"}},
          {"id":"b","tool":"test.echo","args":{"text":{"$ref":"a#/text"}}}
        ]}""");
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.step(step("b")).output().get("text").asString()).isEqualTo("תבואות");
  }

  @Test
  void lockedResourceIsNeverUsedByTwoStepsAtOnce() {
    StringBuilder steps = new StringBuilder("{\"steps\":[");
    for (int i = 0; i < 8; i++) {
      steps.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i).append("\",\"tool\":"
          + "\"test.sleep\",\"args\":{\"millis\":30,\"resource\":\"calendar:team\"}}");
    }
    ExecutionId id = run(steps + "]}", ExecutionOptions.DEFAULTS.withMaxParallel(8));
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sleep.calls).hasSize(8);
    assertThat(sleep.maxOverlapOn("calendar:team")).isEqualTo(1);
    assertThat(since(s.updatedAt())).isEqualTo(Duration.ofMillis(8 * 30));
    assertThat(t.events(id)).anyMatch(e -> e instanceof Event.StepStage st
        && st.stage() == Event.Stage.LOCK_WAITING);
  }

  @Test
  void aLockFreedBeforeTheWaiterReportsItselfBlockedStillWakesIt() {
    // why: the holder lets go between the attempt finding the key taken and saying so; the wake-up
    // then reaches the execution before the attempt's "blocked", and must not be lost
    AtomicBoolean raced = new AtomicBoolean();
    LocalResourceLocks real = new LocalResourceLocks();
    ResourceLocks racing = (keys, onFree) -> {
      if (raced.compareAndSet(false, true)) {
        onFree.run();
        return null;
      }
      return real.tryAcquire(keys, onFree);
    };
    t = TestEngine.create(runtime -> {
      sleep = new TestTools.Sleep(runtime);
      return ToolCatalog.of(sleep);
    }, b -> b.locks(racing));

    ExecutionId id = run("""
        {"steps":[{"id":"a","tool":"test.sleep","args":{"millis":10,"resource":"calendar:team"}}]}""");

    ExecutionState s = t.awaitEnd(id);
    assertThat(raced).isTrue();
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sleep.calls).hasSize(1);
  }

  @Test
  void boundsParallelStepsPerExecution() {
    StringBuilder steps = new StringBuilder("{\"steps\":[");
    for (int i = 0; i < 6; i++) {
      steps.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i)
          .append("\",\"tool\":\"test.sleep\",\"args\":{\"millis\":40}}");
    }
    ExecutionId id = run(steps + "]}", ExecutionOptions.DEFAULTS.withMaxParallel(2));
    ExecutionState s = t.awaitEnd(id);
    assertThat(sleep.maxOverlap()).isEqualTo(2);
    assertThat(sleep.calls).hasSize(6);
    assertThat(since(s.updatedAt())).isEqualTo(Duration.ofMillis(120));
  }

  // ------------------------------------------------------------------ failures, retries, timeouts

  /**
   * Each row: how the flaky tool fails, and what follows: calls made, final status, and how many
   * retries were announced, each after a wait exponential from 100 ms (doubling, ±50 % jitter).
   */
  @ParameterizedTest(name = "{0} failures, permanent={1}")
  @CsvSource({
      "0, false, 1, SUCCEEDED, 0",
      "2, false, 3, SUCCEEDED, 2",
      "10, false, 4, FAILED, 3",
      "3, true, 1, FAILED, 0",
  })
  void retriesOnlyRetryableFailuresWithGrowingBackoff(int failures, boolean permanent,
      int calls, ExecutionStatus status, int retries) {
    ExecutionId id = run("{\"steps\":[{\"id\":\"a\",\"tool\":\"test.flaky\",\"args\":"
        + "{\"failures\":" + failures + ",\"permanent\":" + permanent + "}},"
        + "{\"id\":\"b\",\"tool\":\"test.echo\",\"args\":{\"text\":\"x\"},\"after\":[\"a\"]}]}");
    ExecutionState s = t.awaitEnd(id);
    assertThat(flaky.calls("a")).isEqualTo(calls);
    assertThat(s.status()).isEqualTo(status);
    List<Duration> waits = t.events(id).stream()
        .filter(e -> e instanceof Event.AttemptFailed f && f.retryIn() != null)
        .map(e -> ((Event.AttemptFailed) e).retryIn()).toList();
    assertThat(waits).hasSize(retries);
    List<Instant> times = flaky.times("a");
    for (int i = 0; i < waits.size(); i++) {
      long nominal = 100L << i;
      assertThat(waits.get(i).toMillis()).as("wait before retry " + (i + 1))
          .isBetween(nominal / 2, nominal * 3 / 2);
      // why: the retry happens exactly when announced, on the engine's clock
      assertThat(Duration.between(times.get(i), times.get(i + 1))).isEqualTo(waits.get(i));
    }
    if (status == ExecutionStatus.FAILED) {
      assertThat(s.step(step("b")).status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(s.step(step("b")).note()).isEqualTo("dependency a failed");
      assertThat(s.step(step("a")).error().code()).isEqualTo(permanent ? ErrorCode.TOOL_FAILED
          : ErrorCode.TOOL_UNAVAILABLE);
    }
  }

  @Test
  void optionalStepMayFailWithoutFailingTheExecutionAndTheResultSaysSo() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.flaky","args":{"failures":9,"permanent":true},"optional":true},
          {"id":"b","tool":"test.echo","args":{"text":"x"}}
        ]}""");
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.statusReason()).isEqualTo("1 optional step(s) failed (a)");
  }

  @Test
  void timesOutASlowCallExactlyAtItsTimeout() {
    ExecutionId id = run("""
        {"steps":[{"id":"a","tool":"test.slow","args":{"millis":30000}}]}""");
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.step(step("a")).error().code()).isEqualTo(ErrorCode.STEP_TIMEOUT);
    assertThat(since(s.step(step("a")).finishedAt())).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void cachesReadOnlyResultsAcrossExecutions() {
    String plan = """
        {"steps":[{"id":"a","tool":"test.echo","args":{"text":"same","words":["x"]}}]}""";
    engine();
    t.awaitEnd(run(plan));
    ExecutionState second = t.awaitEnd(run(plan));
    assertThat(echo.calls.get()).isEqualTo(1);
    assertThat(second.step(step("a")).cached()).isTrue();
  }

  // ------------------------------------------------------------------ a person's commands

  @Test
  void pauseStartsNothingNewAndResumeContinues() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.sleep","args":{"millis":300}},
          {"id":"b","tool":"test.sleep","args":{"millis":5},"after":["a"]}
        ]}""");
    t.runUntil(id, s -> s.step(step("a")).status() == StepStatus.RUNNING);
    t.engine().pause(id, "test");
    t.advance(Duration.ofHours(1));
    ExecutionState paused = t.state(id);
    assertThat(paused.status()).isEqualTo(ExecutionStatus.PAUSED);
    assertThat(paused.step(step("a")).status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(paused.step(step("b")).status()).isEqualTo(StepStatus.PENDING);
    assertThatThrownBy(() -> t.engine().pause(id, "test")).isInstanceOfSatisfying(
        BatonException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_ILLEGAL_TRANSITION));
    t.engine().resume(id, "test");
    assertThat(t.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(since(sleep.call("b").start())).isEqualTo(Duration.ofMinutes(60));
    assertThatThrownBy(() -> t.engine().resume(id, "test")).isInstanceOfSatisfying(
        BatonException.class, e -> assertThat(e.getMessage()).contains("succeeded"));
  }

  @Test
  void cancelStopsInFlightStepsAndSkipsTheRest() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.sleep","args":{"millis":60000}},
          {"id":"b","tool":"test.sleep","args":{"millis":5},"after":["a"]}
        ]}""");
    t.runUntil(id, s -> s.step(step("a")).status() == StepStatus.RUNNING);
    t.advance(Duration.ofSeconds(1));
    t.engine().cancel(id, "test");
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(s.step(step("a")).status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(s.step(step("b")).status()).isEqualTo(StepStatus.SKIPPED);
    t.advance(Duration.ofMinutes(2));
    assertThat(t.events(id)).noneMatch(e -> e instanceof Event.StepSucceeded);
    assertThat(sleep.calls).extracting(TestTools.Call::step).doesNotContain("b");
  }

  @Test
  void sideEffectWaitsForApprovalAndRunsWithEditedArguments() {
    ExecutionId id = run("""
        {"steps":[{"id":"s","tool":"test.send","args":{"to":"yoav","text":"hi"}}]}""");
    Approval a = t.awaitApprovals(id, 1).getFirst();
    assertThat(a.preview()).isEqualTo("sends \u201chi\u201d to yoav");
    assertThat(a.digest()).isEqualTo(ArgumentDigest.of(a.arguments()));
    assertThat(t.state(id).status()).isEqualTo(ExecutionStatus.WAITING_FOR_APPROVAL);
    assertThat(send.sent).isEmpty();
    ObjectNode edit = object("{\"to\":\"yoav\",\"text\":\"שלום\"}");
    t.engine().approve(a.id(), edit, "dana", null);
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(send.sent).containsExactly(new TestTools.SendIn("yoav", "שלום"));
    assertThat(s.approvals().get(a.id()).effectiveDigest()).isEqualTo(ArgumentDigest.of(edit));
  }

  @Test
  void invalidEditIsRefusedAndTheApprovalStaysPending() {
    ExecutionId id = run("""
        {"steps":[{"id":"s","tool":"test.send","args":{"to":"yoav","text":"hi"}}]}""");
    Approval a = t.awaitApprovals(id, 1).getFirst();
    ObjectNode bad = object("{\"to\":7}");
    assertThatThrownBy(() -> t.engine().approve(a.id(), bad, "dana", null))
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_INVALID_EDIT);
          assertThat(e.problems()).extracting(p -> p.location())
              .contains("/arguments/to", "/arguments");
        });
    assertThat(t.state(id).approvals().get(a.id()).status()).isEqualTo(ApprovalStatus.PENDING);
    t.engine().approve(a.id(), null, "dana", null);
    assertThat(t.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThatThrownBy(() -> t.engine().approve(a.id(), null, "dana", null))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_ALREADY_DECIDED));
  }

  @Test
  void rejectionSkipsTheStepAndItsDependentsAndSaysSo() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"s","tool":"test.send","args":{"to":"yoav","text":"hi"}},
          {"id":"t","tool":"test.echo","args":{"text":{"$ref":"s#/sent"}}},
          {"id":"u","tool":"test.echo","args":{"text":"unrelated"}}
        ]}""");
    Approval a = t.awaitApprovals(id, 1).getFirst();
    t.engine().reject(a.id(), "dana", "not now");
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.step(step("s")).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(s.step(step("s")).note()).isEqualTo("rejected by dana: not now");
    assertThat(s.step(step("t")).note()).isEqualTo("dependency s was skipped");
    assertThat(s.step(step("u")).status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(send.sent).isEmpty();
  }

  /** Answered in reverse order, with a graceful restart or a crash before each answer. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"restart", "crash"})
  void threeParallelApprovalsAnsweredInReverseOrderAcrossRestarts(String how) {
    ExecutionId id = run("""
        {"steps":[
          {"id":"one","tool":"test.send","args":{"to":"a","text":"1"}},
          {"id":"two","tool":"test.send","args":{"to":"b","text":"2"}},
          {"id":"three","tool":"test.send","args":{"to":"c","text":"3"}},
          {"id":"after","tool":"test.echo","args":{"text":{"$ref":"two#/sent"}}}
        ]}""");
    List<Approval> pending = t.awaitApprovals(id, 3);
    Runnable restart = how.equals("crash") ? t::crash : t::restart;

    restart.run();
    t.engine().approve(byStep(pending, "three").id(), null, "dana", null);
    t.runUntil(id, s -> s.step(step("three")).status() == StepStatus.SUCCEEDED);
    restart.run();
    t.engine().reject(byStep(pending, "two").id(), "dana", "wrong person");
    restart.run();
    t.engine().approve(byStep(pending, "one").id(), object("{\"to\":\"a\",\"text\":\"one,"
        + " edited\"}"), "dana", null);
    ExecutionState s = t.awaitEnd(id);

    assertThat(send.sent).containsExactlyInAnyOrder(new TestTools.SendIn("c", "3"),
        new TestTools.SendIn("a", "one, edited"));
    assertThat(send.byKey.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(s.step(step("two")).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(s.step(step("after")).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(s.step(step("one")).status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(s.approvals()).hasSize(3);
  }

  @Test
  void aStepInFlightWhenTheProcessDiedRunsAgainWithTheSameIdempotencyKey() {
    ExecutionId id = run("""
        {"steps":[{"id":"a","tool":"test.sleep","args":{"millis":5000}},
                  {"id":"b","tool":"test.echo","args":{"text":"after"},"after":["a"]}]}""");
    t.runUntil(id, s -> s.step(step("a")).attempts() == 1);
    t.crash();
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.step(step("a")).attempts()).isEqualTo(2);
    assertThat(t.events(id)).anyMatch(e -> e instanceof Event.StepStage st
        && st.stage() == Event.Stage.RESUMED_AFTER_RESTART && st.step().equals(step("a")));
  }

  /** Each row: the expiry policy, and what becomes of the step after the timeout. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"REJECT, EXPIRED", "ESCALATE, PENDING"})
  void anExpiredApprovalNeverApproves(ExpiryPolicy policy, ApprovalStatus after) {
    ExecutionId id = run("""
        {"steps":[{"id":"s","tool":"test.send","args":{"to":"x","text":"y"}}]}""",
        ExecutionOptions.DEFAULTS.withApprovalTimeout(Duration.ofMinutes(10), policy));
    Approval a = t.awaitApprovals(id, 1).getFirst();
    t.advance(Duration.ofMinutes(9));
    assertThat(t.state(id).approvals().get(a.id()).status()).isEqualTo(ApprovalStatus.PENDING);
    t.advance(Duration.ofMinutes(2));
    ExecutionState s = t.state(id);
    assertThat(s.approvals().get(a.id()).status()).isEqualTo(after);
    assertThat(send.sent).isEmpty();
    assertThat(t.events(id)).filteredOn(e -> e instanceof Event.ApprovalExpired).singleElement()
        .satisfies(e -> assertThat(since(e.at())).isEqualTo(Duration.ofMinutes(10)));
    if (policy == ExpiryPolicy.REJECT) {
      assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(s.step(step("s")).note()).contains("expired");
    } else {
      assertThat(s.approvals().get(a.id()).escalated()).isTrue();
      t.engine().approve(a.id(), null, "boss", null);
      assertThat(t.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(send.sent).hasSize(1);
    }
  }

  @Test
  void wholePlanWaitsForApprovalAndAnEditBecomesANewVersion() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.echo","args":{"text":"keep"}},
          {"id":"b","tool":"test.echo","args":{"text":"remove me"}}
        ]}""", ExecutionOptions.DEFAULTS.withPlanApproval(true));
    t.runReady();
    assertThat(t.state(id).status()).isEqualTo(ExecutionStatus.AWAITING_PLAN_APPROVAL);
    Plan edited = t.state(id).plan().without(Set.of(step("b")));
    Plan broken = PlanCodec.parse("{\"steps\":[{\"id\":\"a\",\"tool\":\"nope\"}]}");
    assertThatThrownBy(() -> t.engine().decidePlan(id, true, broken, "dana", null))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_INVALID));
    assertThat(t.state(id).planVersion()).isEqualTo(1);
    t.engine().decidePlan(id, true, edited, "dana", null);
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.planVersion()).isEqualTo(2);
    assertThat(s.steps()).containsOnlyKeys(step("a"));
    assertThat(echo.calls.get()).isEqualTo(1);
  }

  @Test
  void invalidPlanIsRefusedAndNothingIsStored() {
    assertThatThrownBy(() -> run("{\"steps\":[{\"id\":\"a\",\"tool\":\"ghost\"}]}"))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_INVALID));
    assertThat(t.store().list(null, 10)).isEmpty();
  }

  @Test
  void unknownIdsGetClearErrors() {
    engine();
    assertThatThrownBy(() -> t.state(ExecutionId.of("ex-nope")))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_NOT_FOUND));
    assertThatThrownBy(() -> t.engine().pause(ExecutionId.of("ex-nope"), "x"))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_NOT_FOUND));
    assertThatThrownBy(() -> t.engine().approve(ApprovalId.of("ex-nope.s.1"), null, "x", null))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_FOUND));
  }

  @Test
  void eventSequenceNumbersRiseByOneWithoutGaps() {
    ExecutionId id = run("""
        {"steps":[{"id":"a","tool":"test.echo","args":{"text":"x"}},
                  {"id":"b","tool":"test.echo","args":{"text":"y"}}]}""");
    t.awaitEnd(id);
    List<Event> log = t.events(id);
    for (int i = 0; i < log.size(); i++) {
      assertThat(log.get(i).seq()).isEqualTo(i + 1);
    }
    assertThat(log.getFirst()).isInstanceOf(Event.ExecutionCreated.class);
    assertThat(log.getLast()).isInstanceOfSatisfying(Event.StatusChanged.class,
        e -> assertThat(e.to()).isEqualTo(ExecutionStatus.SUCCEEDED));
  }

  @Test
  void decisionsWrittenByAnotherProcessReachTheWaitingStepsWithinAPollInterval() {
    engine();
    try (Engine elsewhere = Engine.builder(t.store(), t.engine().catalog(), t.runtime(),
        t.runtime()).options(EngineOptions.defaults("other").withAdoptOrphans(false)).build()) {
      for (int round = 0; round < 3; round++) {
        ExecutionId id = run("""
            {"steps":[
              {"id":"one","tool":"test.send","args":{"to":"a","text":"1"}},
              {"id":"two","tool":"test.send","args":{"to":"b","text":"2"}},
              {"id":"slow","tool":"test.sleep","args":{"millis":5}}
            ]}""");
        List<Approval> pending = t.awaitApprovals(id, 2);
        Instant decided = t.now();
        elsewhere.approve(byStep(pending, "one").id(), null, "dana", null);
        elsewhere.reject(byStep(pending, "two").id(), "dana", "no");
        ExecutionState s = t.awaitEnd(id);
        assertThat(s.step(step("one")).status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(s.step(step("two")).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(Duration.between(decided, s.updatedAt()))
            .isLessThanOrEqualTo(EngineOptions.DEFAULT_POLL_INTERVAL);
      }
    }
  }

  // ------------------------------------------------------------------ clarifying questions

  @Test
  void aQuestionWaitsForAPersonAndItsAnswerIsTheStepsOutput() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"who","tool":"test.choose","args":{"question":"Which Yoav?",
            "candidates":["Yoav Cohen","Yoav Levi"]}},
          {"id":"greet","tool":"test.echo","args":{"text":{"$ref":"who#/value"}}}
        ]}""");
    var q = t.awaitQuestions(id, 1).getFirst();
    assertThat(q.input().get("question").asString()).isEqualTo("Which Yoav?");
    assertThat(t.state(id).status()).isEqualTo(ExecutionStatus.WAITING_FOR_APPROVAL);
    assertThatThrownBy(() -> t.engine().answer(q.id(), object("{\"nope\":1}"), "dana"))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_INVALID_EDIT));
    t.engine().answer(q.id(), object("{\"value\":\"Yoav Cohen\"}"), "dana");
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.step(step("greet")).output().get("text").asString()).isEqualTo("Yoav Cohen");
    assertThatThrownBy(() -> t.engine().answer(q.id(), object("{\"value\":\"x\"}"), "dana"))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_ALREADY_DECIDED));
  }

  @Test
  void anUnansweredQuestionExpiresAndItsDependentsAreSkipped() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"who","tool":"test.choose","args":{"question":"Which?","candidates":["a"]}},
          {"id":"greet","tool":"test.echo","args":{"text":{"$ref":"who#/value"}}}
        ]}""", ExecutionOptions.DEFAULTS.withApprovalTimeout(Duration.ofHours(1),
        ExpiryPolicy.REJECT));
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.step(step("who")).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(s.step(step("who")).note()).isEqualTo("no answer before the question expired");
    assertThat(s.step(step("greet")).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(since(s.updatedAt())).isEqualTo(Duration.ofHours(1));
  }

  // ------------------------------------------------------------------ parked executions

  @Test
  void executionsWaitingForAPersonHoldNoStateBeyondTheBoundAndNoTimers() {
    t = TestEngine.create(runtime -> ToolCatalog.of(send), b -> b.options(
        EngineOptions.defaults("small").withKeepIdleStates(5)));
    List<ExecutionId> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(run("{\"steps\":[{\"id\":\"s\",\"tool\":\"test.send\",\"args\":{\"to\":\"p" + i
          + "\",\"text\":\"hi\"}}]}"));
    }
    t.runReady();
    assertThat(t.store().countPendingHumanSteps(null)).isEqualTo(40);
    assertThat(t.engine().held()).isEqualTo(40);
    // why: nothing is due but the engine's own heartbeat and watcher: no timer per execution
    Instant next = t.runtime().nextTimer();
    assertThat(Duration.between(t.now(), next)).isLessThanOrEqualTo(
        EngineOptions.DEFAULT_POLL_INTERVAL);
    long jobs = t.runtime().jobsRun();
    t.advance(Duration.ofMinutes(10));
    // why: ten minutes of waiting ran the watcher and heartbeat, no round of any execution
    assertThat(t.runtime().jobsRun()).isEqualTo(jobs);
    for (ExecutionId id : ids) {
      Approval a = t.state(id).pendingApprovals().getFirst();
      t.engine().approve(a.id(), null, "dana", null);
    }
    for (ExecutionId id : ids) {
      assertThat(t.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
    assertThat(send.sent).hasSize(40);
    assertThat(t.engine().held()).isZero();
  }

  // ------------------------------------------------------------------ planning from a request

  @Test
  void aRequestIsPlannedAfterItIsRecordedAndThenRuns() {
    Plan plan = PlanCodec.parse("""
        {"steps":[{"id":"a","tool":"test.echo","args":{"text":"planned"}}]}""");
    t = TestEngine.create(runtime -> ToolCatalog.of(echo), b -> b.replanning(TestEngine.replanning(
        (request, catalog, context) -> new dev.baton.core.planning.PlanProposal(plan,
            java.util.Map.of(), dev.baton.core.planning.PlanCost.NONE, "en"))));
    ExecutionId id = t.submit(Submission.ofRequest("echo something")).id();
    assertThat(t.store().events(id, 0)).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("ExecutionCreated", "StatusChanged");
    assertThat(t.store().summary(id).orElseThrow().status()).isEqualTo(ExecutionStatus.PLANNING);
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.planVersion()).isEqualTo(1);
    assertThat(s.step(step("a")).output().get("text").asString()).isEqualTo("planned");
  }

  @Test
  void aRequestThePlannerCannotPlanFailsWithThePlannersWords() {
    t = TestEngine.create(runtime -> ToolCatalog.of(echo), b -> b.replanning(TestEngine.replanning(
        (request, catalog, context) -> {
          throw BatonException.of(ErrorCode.PLAN_NOT_UNDERSTOOD, "I did not understand 'xyzzy'");
        })));
    ExecutionId id = t.submit(Submission.ofRequest("xyzzy")).id();
    ExecutionState s = t.awaitEnd(id);
    assertThat(s.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(s.planningError().code()).isEqualTo(ErrorCode.PLAN_NOT_UNDERSTOOD);
    assertThat(s.statusReason()).isEqualTo("I did not understand 'xyzzy'");
  }

  // ------------------------------------------------------------------ what runs is what was approved

  @Test
  void aSideEffectWhoseArgumentsDoNotMatchItsApprovalIsRefusedUnrun() {
    ExecutionId id = run("""
        {"steps":[{"id":"s","tool":"test.send","args":{"to":"yoav","text":"hi"}}]}""");
    Approval a = t.awaitApprovals(id, 1).getFirst();
    ObjectNode other = object("{\"to\":\"mallory\",\"text\":\"hi\"}");
    List<Input> reported = new java.util.ArrayList<>();
    new AttemptJob(t.engine(), (input, here) -> reported.add(input), id, "default",
        new Effect.Run(step("s"), 1, send, other, a.digest()), new Object()).run();
    assertThat(send.sent).isEmpty();
    assertThat(reported.getLast()).isInstanceOfSatisfying(Input.AttemptEnded.class,
        e -> assertThat(e.result()).isInstanceOfSatisfying(AttemptResult.Failed.class,
            f -> assertThat(f.error().code()).isEqualTo(ErrorCode.APPROVAL_ARGUMENTS_CHANGED)));
  }

  private static ObjectNode object(String json) {
    return (ObjectNode) Json.parse(json, ErrorCode.STEP_INPUT_INVALID, "test");
  }

  private static Approval byStep(List<Approval> list, String step) {
    return list.stream().filter(a -> a.step().value().equals(step)).findFirst().orElseThrow();
  }
}
