package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalStatus;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.json.Json;
import dev.baton.core.memory.InMemoryExecutionStore;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.StepId;
import dev.baton.core.testtools.TestTools;
import dev.baton.core.tool.ToolCatalog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EngineTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final TestTools.Sleep sleep = new TestTools.Sleep();
  private final TestTools.Flaky flaky = new TestTools.Flaky();
  private final TestTools.Send send = new TestTools.Send();
  private final TestTools.Echo echo = new TestTools.Echo();
  private final ToolCatalog catalog = ToolCatalog.of(sleep, flaky, send, echo);
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private Engine engine = newEngine();

  private Engine newEngine() {
    Engine e = Engine.builder(store, catalog).build();
    e.subscribe(events::add);
    return e;
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private ExecutionId run(String json, ExecutionOptions options) {
    return engine.submit(Submission.of(PlanCodec.parse(json)).withOptions(options));
  }

  private ExecutionId run(String json) {
    return run(json, ExecutionOptions.DEFAULTS);
  }

  @Test
  void fastStepIsNotHeldBackByASlowSibling() {
    // a ─► b (fast) and c (slow) in parallel; b's dependent d must start before c ends
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.sleep","args":{"millis":10}},
          {"id":"b","tool":"test.sleep","args":{"millis":10},"after":["a"]},
          {"id":"c","tool":"test.sleep","args":{"millis":600}},
          {"id":"d","tool":"test.sleep","args":{"millis":10},"after":["b"]}
        ]}""");
    ExecutionState s = engine.awaitEnd(id, WAIT);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sleep.call("d").endNanos()).isLessThan(sleep.call("c").endNanos());
    assertThat(sleep.call("d").startNanos()).isLessThan(sleep.call("c").endNanos());
  }

  @Test
  void referencesCarryOutputsIntoArguments() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.echo","args":{"text":"תבואות"}},
          {"id":"b","tool":"test.echo","args":{"text":{"$ref":"a#/text"}}}
        ]}""");
    ExecutionState s = engine.awaitEnd(id, WAIT);
    assertThat(s.step(StepId.of("b")).output().get("text").asString()).isEqualTo("תבואות");
  }

  @Test
  void retriesRetryableFailuresUntilSuccess() {
    ExecutionId id = run("""
        {"steps":[{"id":"a","tool":"test.flaky","args":{"failures":2,"permanent":false}}]}""");
    ExecutionState s = engine.awaitEnd(id, WAIT);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.step(StepId.of("a")).attempts()).isEqualTo(3);
    assertThat(flaky.calls("a")).isEqualTo(3);
    assertThat(store.events(id, 0)).filteredOn(e -> e instanceof Event.AttemptFailed).hasSize(2)
        .allSatisfy(e -> assertThat(((Event.AttemptFailed) e).retryIn()).isNotNull());
  }

  @Test
  void stopsRetryingOnAFatalErrorAndSkipsDependents() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.flaky","args":{"failures":3,"permanent":true}},
          {"id":"b","tool":"test.echo","args":{"text":"x"},"after":["a"]},
          {"id":"c","tool":"test.echo","args":{"text":"independent"}}
        ]}""");
    ExecutionState s = engine.awaitEnd(id, WAIT);
    assertThat(flaky.calls("a")).isEqualTo(1);
    assertThat(s.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(s.step(StepId.of("a")).error().code()).isEqualTo(ErrorCode.TOOL_FAILED);
    assertThat(s.step(StepId.of("b")).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(s.step(StepId.of("b")).note()).isEqualTo("dependency a failed");
    assertThat(s.step(StepId.of("c")).status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void givesUpAfterMaxAttemptsOfRetryableFailures() {
    ExecutionId id = run("""
        {"steps":[{"id":"a","tool":"test.flaky","args":{"failures":10,"permanent":false}}]}""");
    ExecutionState s = engine.awaitEnd(id, WAIT);
    assertThat(flaky.calls("a")).isEqualTo(4);
    assertThat(s.status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void optionalStepMayFailWithoutFailingTheExecution() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.flaky","args":{"failures":9,"permanent":true},"optional":true},
          {"id":"b","tool":"test.echo","args":{"text":"x"}}
        ]}""");
    assertThat(engine.awaitEnd(id, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void lockedResourceIsNeverUsedByTwoStepsAtOnce() {
    StringBuilder steps = new StringBuilder("{\"steps\":[");
    for (int i = 0; i < 8; i++) {
      steps.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i)
          .append("\",\"tool\":\"test.sleep\",\"args\":{\"millis\":30,\"resource\":\"calendar:team\"}}");
    }
    ExecutionId id = run(steps + "]}", ExecutionOptions.DEFAULTS.withMaxParallel(8));
    assertThat(engine.awaitEnd(id, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sleep.calls).hasSize(8);
    assertThat(sleep.maxConcurrentOnResource.get()).isEqualTo(1);
  }

  @Test
  void boundsParallelStepsPerExecution() {
    StringBuilder steps = new StringBuilder("{\"steps\":[");
    for (int i = 0; i < 6; i++) {
      steps.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i)
          .append("\",\"tool\":\"test.sleep\",\"args\":{\"millis\":40}}");
    }
    AtomicMax max = new AtomicMax();
    engine.subscribe(e -> max.observe(sleep.concurrent.get()));
    ExecutionId id = run(steps + "]}", ExecutionOptions.DEFAULTS.withMaxParallel(2));
    engine.awaitEnd(id, WAIT);
    assertThat(max.value).isLessThanOrEqualTo(2);
    assertThat(sleep.calls).hasSize(6);
  }

  private static final class AtomicMax {
    volatile int value;

    synchronized void observe(int v) {
      value = Math.max(value, v);
    }
  }

  @Test
  void pauseStartsNothingNewAndResumeContinues() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.sleep","args":{"millis":300}},
          {"id":"b","tool":"test.sleep","args":{"millis":5},"after":["a"]}
        ]}""");
    engine.await(id, s -> s.step(StepId.of("a")).status() == StepStatus.RUNNING, WAIT);
    engine.pause(id, "test");
    ExecutionState paused = engine.await(id,
        s -> s.step(StepId.of("a")).status() == StepStatus.SUCCEEDED, WAIT);
    assertThat(paused.status()).isEqualTo(ExecutionStatus.PAUSED);
    assertThat(paused.step(StepId.of("b")).status()).isEqualTo(StepStatus.PENDING);
    assertThatThrownBy(() -> engine.pause(id, "test")).isInstanceOfSatisfying(
        BatonException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_ILLEGAL_TRANSITION));
    engine.resume(id, "test");
    assertThat(engine.awaitEnd(id, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThatThrownBy(() -> engine.resume(id, "test")).isInstanceOfSatisfying(
        BatonException.class, e -> assertThat(e.getMessage()).contains("succeeded"));
  }

  @Test
  void cancelInterruptsInFlightSteps() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.sleep","args":{"millis":60000}},
          {"id":"b","tool":"test.sleep","args":{"millis":5},"after":["a"]}
        ]}""");
    engine.await(id, s -> s.step(StepId.of("a")).status() == StepStatus.RUNNING, WAIT);
    engine.cancel(id, "test");
    ExecutionState s = engine.awaitEnd(id, WAIT);
    assertThat(s.status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(s.step(StepId.of("a")).status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(s.step(StepId.of("b")).status()).isEqualTo(StepStatus.SKIPPED);
    engine.await(id, x -> sleep.concurrent.get() == 0, WAIT);
    assertThat(sleep.calls).isEmpty();
  }

  @Test
  void timesOutASlowCallAndInterruptsIt() {
    TestTools.Sleep slow = new TestTools.Sleep("test.slow", dev.baton.core.tool.ToolOptions
        .readOnly().timeout(Duration.ofMillis(100)).retry(dev.baton.core.tool.RetryPolicy.NONE)
        .build());
    engine.close();
    engine = Engine.builder(store, ToolCatalog.of(slow)).build();
    ExecutionId id = run("""
        {"steps":[{"id":"a","tool":"test.slow","args":{"millis":30000}}]}""");
    ExecutionState s = engine.awaitEnd(id, WAIT);
    assertThat(s.step(StepId.of("a")).error().code()).isEqualTo(ErrorCode.STEP_TIMEOUT);
    engine.await(id, x -> slow.concurrent.get() == 0, WAIT);
  }

  @Test
  void cachesReadOnlyResultsAcrossExecutions() {
    String plan = """
        {"steps":[{"id":"a","tool":"test.echo","args":{"text":"same","words":["x"]}}]}""";
    engine.awaitEnd(run(plan), WAIT);
    ExecutionState second = engine.awaitEnd(run(plan), WAIT);
    assertThat(echo.calls.get()).isEqualTo(1);
    assertThat(second.step(StepId.of("a")).cached()).isTrue();
  }

  @Test
  void sideEffectWaitsForApprovalAndRunsWithEditedArguments() {
    ExecutionId id = run("""
        {"steps":[{"id":"s","tool":"test.send","args":{"to":"yoav","text":"hi"}}]}""");
    Approval a = awaitPending(id, 1).getFirst();
    assertThat(a.preview()).isEqualTo("sends \u201chi\u201d to yoav");
    assertThat(engine.state(id).status()).isEqualTo(ExecutionStatus.WAITING_FOR_APPROVAL);
    assertThat(send.sent).isEmpty();
    ObjectNode edit = (ObjectNode) Json.parse("{\"to\":\"yoav\",\"text\":\"שלום\"}",
        ErrorCode.STEP_INPUT_INVALID, "edit");
    engine.approve(a.id(), edit, "dana", null);
    ExecutionState s = engine.awaitEnd(id, WAIT);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(send.sent).containsExactly(new TestTools.SendIn("yoav", "שלום"));
  }

  @Test
  void invalidEditIsRefusedAndTheApprovalStaysPending() {
    ExecutionId id = run("""
        {"steps":[{"id":"s","tool":"test.send","args":{"to":"yoav","text":"hi"}}]}""");
    Approval a = awaitPending(id, 1).getFirst();
    ObjectNode bad = (ObjectNode) Json.parse("{\"to\":7}", ErrorCode.STEP_INPUT_INVALID, "e");
    assertThatThrownBy(() -> engine.approve(a.id(), bad, "dana", null))
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_INVALID_EDIT);
          assertThat(e.problems()).extracting(p -> p.location())
              .contains("/arguments/to", "/arguments");
        });
    assertThat(engine.state(id).approvals().get(a.id()).status())
        .isEqualTo(ApprovalStatus.PENDING);
    engine.approve(a.id(), null, "dana", null);
    assertThat(engine.awaitEnd(id, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThatThrownBy(() -> engine.approve(a.id(), null, "dana", null))
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
    Approval a = awaitPending(id, 1).getFirst();
    engine.reject(a.id(), "dana", "not now");
    ExecutionState s = engine.awaitEnd(id, WAIT);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.step(StepId.of("s")).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(s.step(StepId.of("s")).note()).isEqualTo("rejected by dana: not now");
    assertThat(s.step(StepId.of("t")).note()).isEqualTo("dependency s was skipped");
    assertThat(s.step(StepId.of("u")).status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(send.sent).isEmpty();
  }

  @Test
  void threeParallelApprovalsAnsweredInReverseOrderWithRestartsBetween() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"one","tool":"test.send","args":{"to":"a","text":"1"}},
          {"id":"two","tool":"test.send","args":{"to":"b","text":"2"}},
          {"id":"three","tool":"test.send","args":{"to":"c","text":"3"}},
          {"id":"after","tool":"test.echo","args":{"text":{"$ref":"two#/sent"}}}
        ]}""");
    List<Approval> pending = awaitPending(id, 3);
    Approval one = byStep(pending, "one");
    Approval two = byStep(pending, "two");
    Approval three = byStep(pending, "three");

    restart();
    engine.approve(three.id(), null, "dana", null);
    engine.await(id, s -> send.sent.size() == 1, WAIT);
    restart();
    engine.reject(two.id(), "dana", "wrong person");
    restart();
    ObjectNode edit = (ObjectNode) Json.parse("{\"to\":\"a\",\"text\":\"one, edited\"}",
        ErrorCode.STEP_INPUT_INVALID, "e");
    engine.approve(one.id(), edit, "dana", null);
    ExecutionState s = engine.awaitEnd(id, WAIT);

    assertThat(send.sent).containsExactlyInAnyOrder(new TestTools.SendIn("c", "3"),
        new TestTools.SendIn("a", "one, edited"));
    assertThat(send.byKey.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(s.step(StepId.of("two")).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(s.step(StepId.of("after")).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(s.step(StepId.of("one")).status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(s.step(StepId.of("three")).status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void expiryRejectsButNeverApproves() {
    ExecutionId id = run("""
        {"steps":[{"id":"s","tool":"test.send","args":{"to":"x","text":"y"}}]}""",
        ExecutionOptions.DEFAULTS.withApprovalTimeout(Duration.ofMillis(150),
            ExpiryPolicy.REJECT));
    ExecutionState s = engine.awaitEnd(id, WAIT);
    assertThat(s.step(StepId.of("s")).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(s.step(StepId.of("s")).note()).contains("expired");
    assertThat(s.approvals().values()).singleElement()
        .satisfies(a -> assertThat(a.status()).isEqualTo(ApprovalStatus.EXPIRED));
    assertThat(send.sent).isEmpty();
  }

  @Test
  void escalationKeepsWaitingAndEmitsAnEvent() {
    ExecutionId id = run("""
        {"steps":[{"id":"s","tool":"test.send","args":{"to":"x","text":"y"}}]}""",
        ExecutionOptions.DEFAULTS.withApprovalTimeout(Duration.ofMillis(100),
            ExpiryPolicy.ESCALATE));
    ExecutionState s = engine.await(id, x -> x.approvals().values().stream()
        .anyMatch(Approval::escalated), WAIT);
    assertThat(s.pendingApprovals()).hasSize(1);
    assertThat(send.sent).isEmpty();
    assertThat(store.events(id, 0)).anyMatch(e -> e instanceof Event.ApprovalExpired x
        && x.policy() == ExpiryPolicy.ESCALATE);
    engine.approve(s.pendingApprovals().getFirst().id(), null, "boss", null);
    assertThat(engine.awaitEnd(id, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(send.sent).hasSize(1);
  }

  @Test
  void wholePlanWaitsForApprovalAndAnEditBecomesANewVersion() {
    ExecutionId id = run("""
        {"steps":[
          {"id":"a","tool":"test.echo","args":{"text":"keep"}},
          {"id":"b","tool":"test.echo","args":{"text":"remove me"}}
        ]}""", ExecutionOptions.DEFAULTS.withPlanApproval(true));
    assertThat(engine.state(id).status()).isEqualTo(ExecutionStatus.AWAITING_PLAN_APPROVAL);
    Plan edited = engine.state(id).plan().without(java.util.Set.of(StepId.of("b")));
    Plan broken = PlanCodec.parse("{\"steps\":[{\"id\":\"a\",\"tool\":\"nope\"}]}");
    assertThatThrownBy(() -> engine.decidePlan(id, true, broken, "dana", null))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_INVALID));
    assertThat(engine.state(id).planVersion()).isEqualTo(1);
    engine.decidePlan(id, true, edited, "dana", null);
    ExecutionState s = engine.awaitEnd(id, WAIT);
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.planVersion()).isEqualTo(2);
    assertThat(s.steps()).containsOnlyKeys(StepId.of("a"));
    assertThat(echo.calls.get()).isEqualTo(1);
  }

  @Test
  void invalidPlanIsRefusedAndNothingIsStored() {
    assertThatThrownBy(() -> run("{\"steps\":[{\"id\":\"a\",\"tool\":\"ghost\"}]}"))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_INVALID));
    assertThat(store.list(null, 10)).isEmpty();
  }

  @Test
  void unknownIdsGetClearErrors() {
    assertThatThrownBy(() -> engine.state(ExecutionId.of("ex-nope")))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_NOT_FOUND));
    assertThatThrownBy(() -> engine.pause(ExecutionId.of("ex-nope"), "x"))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_NOT_FOUND));
    assertThatThrownBy(() -> engine.approve(dev.baton.core.exec.ApprovalId.of("ex-nope.s.1"),
        null, "x", null)).isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_FOUND));
  }

  @Test
  void eventSequenceNumbersRiseByOneWithoutGaps() {
    ExecutionId id = run("""
        {"steps":[{"id":"a","tool":"test.echo","args":{"text":"x"}},
                  {"id":"b","tool":"test.echo","args":{"text":"y"}}]}""");
    engine.awaitEnd(id, WAIT);
    List<Event> log = store.events(id, 0);
    for (int i = 0; i < log.size(); i++) {
      assertThat(log.get(i).seq()).isEqualTo(i + 1);
    }
    assertThat(log.getFirst()).isInstanceOf(Event.ExecutionCreated.class);
    assertThat(log.getLast()).isInstanceOfSatisfying(Event.StatusChanged.class,
        e -> assertThat(e.to()).isEqualTo(ExecutionStatus.SUCCEEDED));
  }

  @Test
  void decisionsWrittenByAnotherProcessReachTheWaitingSteps() {
    EngineOptions other = EngineOptions.defaults().withAdoptOrphans(false);
    try (Engine elsewhere = Engine.builder(store, catalog).options(other).build()) {
      for (int round = 0; round < 5; round++) {
        ExecutionId id = run("""
            {"steps":[
              {"id":"one","tool":"test.send","args":{"to":"a","text":"1"}},
              {"id":"two","tool":"test.send","args":{"to":"b","text":"2"}},
              {"id":"slow","tool":"test.sleep","args":{"millis":5}}
            ]}""");
        List<Approval> pending = awaitPending(id, 2);
        // why: both answers race the runner's own commits; each must still reach its step
        elsewhere.approve(byStep(pending, "one").id(), null, "dana", null);
        elsewhere.reject(byStep(pending, "two").id(), "dana", "no");
        ExecutionState s = engine.awaitEnd(id, WAIT);
        assertThat(s.step(StepId.of("one")).status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(s.step(StepId.of("two")).status()).isEqualTo(StepStatus.SKIPPED);
      }
    }
  }

  private void restart() {
    engine.close();
    engine = newEngine();
    engine.recover();
  }

  private List<Approval> awaitPending(ExecutionId id, int n) {
    return engine.await(id, s -> s.pendingApprovals().size() == n, WAIT).pendingApprovals();
  }

  private static Approval byStep(List<Approval> list, String step) {
    return list.stream().filter(a -> a.step().value().equals(step)).findFirst().orElseThrow();
  }
}
