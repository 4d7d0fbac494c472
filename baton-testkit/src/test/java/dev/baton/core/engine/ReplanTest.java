package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.planning.PlanCost;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.planning.Planner;
import dev.baton.testkit.TestEngine;
import dev.baton.testkit.TestTools;
import dev.baton.core.tool.ToolCatalog;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReplanTest {
  private static final String PLAN = """
      {"steps":[
        {"id":"a","tool":"test.echo","args":{"text":"kept"}},
        {"id":"b","tool":"test.flaky","args":{"failures":5,"permanent":true},"after":["a"]},
        {"id":"c","tool":"test.echo","args":{"text":"after b"},"after":["b"]}
      ]}""";

  private final TestTools.Echo echo = new TestTools.Echo();

  /** A planner that answers every replan with {@code next(state)}. */
  private record ScriptedPlanner(Function<ExecutionState, Plan> next, AtomicInteger asked)
      implements Planner {
    @Override
    public PlanProposal plan(String request, ToolCatalog catalog, PlanContext context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<PlanProposal> replan(ExecutionState state, StepId failed, ErrorInfo error,
        ToolCatalog catalog, PlanContext context) {
      asked.incrementAndGet();
      Plan plan = next.apply(state);
      return plan == null ? Optional.empty()
          : Optional.of(new PlanProposal(plan, Map.of(), PlanCost.NONE, "en"));
    }
  }

  private ExecutionState run(ScriptedPlanner planner) {
    try (TestEngine t = TestEngine.create(clock -> ToolCatalog.of(echo,
        new TestTools.Flaky(clock)), b -> b.replanning(new Replanning(planner, 2,
        ZoneId.of("Asia/Jerusalem"))))) {
      ExecutionId id = t.submit(PLAN).id();
      return t.awaitEnd(id);
    }
  }

  @Test
  void failedStepIsReplacedByANewPlanVersionThatKeepsFinishedSteps() {
    AtomicInteger asked = new AtomicInteger();
    ExecutionState s = run(new ScriptedPlanner(state -> PlanCodec.parse("""
        {"steps":[
          {"id":"a","tool":"test.echo","args":{"text":"kept"}},
          {"id":"b2","tool":"test.echo","args":{"text":"instead of b"},"after":["a"]},
          {"id":"c","tool":"test.echo","args":{"text":"after b"},"after":["b2"]}
        ]}"""), asked));
    assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.planVersion()).isEqualTo(2);
    assertThat(s.versions().get(1).reason()).startsWith("replanned after step b failed");
    assertThat(s.steps()).containsOnlyKeys(StepId.of("a"), StepId.of("b2"), StepId.of("c"));
    assertThat(asked.get()).isEqualTo(1);
    // "a" ran once, in version 1; b2 and c ran in version 2
    assertThat(echo.calls.get()).isEqualTo(3);
  }

  @Test
  void aPlanThatDropsAFinishedStepIsRefusedAndTheExecutionFails() {
    AtomicInteger asked = new AtomicInteger();
    ExecutionState s = run(new ScriptedPlanner(state -> PlanCodec.parse("""
        {"steps":[{"id":"z","tool":"test.echo","args":{"text":"a is gone"}}]}"""), asked));
    assertThat(s.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(s.planVersion()).isEqualTo(1);
    assertThat(s.step(StepId.of("c")).status()).isEqualTo(StepStatus.SKIPPED);
  }

  @Test
  void replanningIsBounded() {
    AtomicInteger asked = new AtomicInteger();
    // every new plan fails again the same way
    ExecutionState s = run(new ScriptedPlanner(state -> PlanCodec.parse(
        PLAN.replace("\"id\":\"b\"", "\"id\":\"b" + state.planVersion() + "\"")
            .replace("\"after\":[\"b\"]", "\"after\":[\"b" + state.planVersion() + "\"]")),
        asked));
    assertThat(s.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(s.replans()).isEqualTo(2);
    assertThat(asked.get()).isEqualTo(2);
  }

  @Test
  void noNewPlanMeansTheFailureStands() {
    AtomicInteger asked = new AtomicInteger();
    ExecutionState s = run(new ScriptedPlanner(state -> null, asked));
    assertThat(s.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(asked.get()).isEqualTo(1);
  }
}
