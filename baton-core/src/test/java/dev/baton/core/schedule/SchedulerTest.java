package dev.baton.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.StepId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scheduler as a table: a plan, what has happened, and what it must decide. No threads. */
class SchedulerTest {
  private static final ExecutionId ID = ExecutionId.of("ex-test");
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  // a ─► b ─► c (a heavy chain) and x (light) ; d after x
  private static final String PLAN = """
      {"steps":[
        {"id":"x","tool":"light","args":{}},
        {"id":"a","tool":"heavy","args":{}},
        {"id":"b","tool":"heavy","args":{},"after":["a"]},
        {"id":"c","tool":"heavy","args":{},"after":["b"]},
        {"id":"d","tool":"light","args":{},"after":["x"]}
      ]}""";

  private final Scheduler scheduler = new Scheduler(s -> s.tool().equals("heavy") ? 100 : 1);

  private static ExecutionState state(int maxParallel, List<LongFunction<Event>> events) {
    Plan plan = PlanCodec.parse(PLAN);
    List<Event> all = new ArrayList<>();
    all.add(new Event.ExecutionCreated(ID, 1, T0, "t", "r", plan,
        ExecutionOptions.DEFAULTS.withMaxParallel(maxParallel)));
    all.add(new Event.StatusChanged(ID, 2, T0, ExecutionStatus.QUEUED, ExecutionStatus.RUNNING,
        null));
    for (LongFunction<Event> e : events) {
      all.add(e.apply(all.size() + 1));
    }
    return ExecutionState.replay(all);
  }

  private static LongFunction<Event> started(String step) {
    return seq -> new Event.StepStarted(ID, seq, T0, StepId.of(step));
  }

  private static LongFunction<Event> succeeded(String step) {
    return seq -> new Event.StepSucceeded(ID, seq, T0, StepId.of(step), Json.object(), 1,
        Duration.ZERO, false);
  }

  private static LongFunction<Event> failed(String step) {
    return seq -> new Event.StepFailed(ID, seq, T0, StepId.of(step),
        new ErrorInfo(ErrorCode.TOOL_FAILED, "no", false), 1);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("heaviest remaining path starts first", 1, List.of(), Set.of(),
            List.of("start a")),
        Arguments.of("every ready step starts when there is room", 8, List.of(), Set.of(),
            List.of("start a", "start x")),
        Arguments.of("a dependent starts the moment its dependency succeeds", 8,
            List.of(started("a"), started("x"), succeeded("x")), Set.of("a"),
            List.of("start d")),
        Arguments.of("nothing starts beyond maxParallel", 2,
            List.of(started("a"), started("x")), Set.of("a", "x"), List.of()),
        Arguments.of("dependents of a failed step are skipped", 8,
            List.of(started("a"), failed("a"), started("x"), succeeded("x"), started("d"),
                succeeded("d")), Set.of(),
            List.of("skip b: dependency a failed")),
        Arguments.of("a step in flight in the log but with no thread is started again", 8,
            List.of(started("a"), started("x")), Set.of("x"), List.of("start a")),
        Arguments.of("all finished: the execution ends", 8,
            List.of(started("a"), succeeded("a"), started("b"), succeeded("b"), started("c"),
                succeeded("c"), started("x"), succeeded("x"), started("d"), succeeded("d")),
            Set.of(), List.of("status SUCCEEDED")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decides(String name, int maxParallel, List<LongFunction<Event>> events, Set<String> live,
      List<String> expected) {
    Set<StepId> liveIds = new java.util.HashSet<>();
    live.forEach(s -> liveIds.add(StepId.of(s)));
    Decision d = scheduler.decide(state(maxParallel, events), liveIds, T0);
    assertThat(d.commands().stream().map(SchedulerTest::describe).toList())
        .containsExactlyElementsOf(expected);
  }

  @Test
  void pausedExecutionStartsNothing() {
    ExecutionState s = state(8, List.of(seq -> new Event.StatusChanged(ID, seq, T0,
        ExecutionStatus.RUNNING, ExecutionStatus.PAUSED, "p")));
    assertThat(scheduler.decide(s, Set.of(), T0).commands()).isEmpty();
  }

  @Test
  void expiresApprovalsAtTheirTimeAndWakesThen() {
    Instant expires = T0.plusSeconds(60);
    ApprovalId approval = ApprovalId.of(ID, StepId.of("a"), 1);
    ExecutionState s = state(8, List.of(started("a"), seq -> new Event.ApprovalRequested(ID, seq,
        T0, approval, StepId.of("a"), "heavy", Json.object(), expires, ExpiryPolicy.REJECT),
        started("x")));
    Decision before = scheduler.decide(s, Set.of(StepId.of("a"), StepId.of("x")), T0);
    assertThat(before.wakeAt()).isEqualTo(expires);
    assertThat(before.commands()).isEmpty();
    Decision after = scheduler.decide(s, Set.of(StepId.of("a"), StepId.of("x")),
        expires.plusMillis(1));
    assertThat(after.commands()).containsExactly(new Command.ExpireApproval(approval));
  }

  @Test
  void onlyWaitingForApprovalMeansWaitingStatus() {
    ApprovalId approval = ApprovalId.of(ID, StepId.of("a"), 1);
    ExecutionState s = state(1, List.of(started("a"), seq -> new Event.ApprovalRequested(ID, seq,
        T0, approval, StepId.of("a"), "heavy", Json.object(), null, ExpiryPolicy.REJECT)));
    // maxParallel 1, but a waiting step takes no slot: x starts, so the status stays running
    assertThat(scheduler.decide(s, Set.of(StepId.of("a")), T0).commands().stream()
        .map(SchedulerTest::describe)).containsExactly("start x");
  }

  private static String describe(Command c) {
    return switch (c) {
      case Command.StartStep s -> "start " + s.step();
      case Command.SkipStep s -> "skip " + s.step() + ": " + s.reason();
      case Command.ExpireApproval e -> "expire " + e.approval();
      case Command.ExpireQuestion e -> "expire question " + e.question();
      case Command.ChangeStatus s -> "status " + s.to();
    };
  }
}
