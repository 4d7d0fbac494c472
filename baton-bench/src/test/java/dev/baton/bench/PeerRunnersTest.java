package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each peer runner runs each workload shape as the workload says: every task exactly once, and
 * none before everything it waits for has finished. Correctness only; no timing is checked.
 */
class PeerRunnersTest {

  /** How to set up one peer with a recording body. */
  @FunctionalInterface
  interface PeerFactory {
    Contender open(List<Workload> workloads, TaskBody body) throws Exception;
  }

  static Stream<Arguments> peers() {
    return Stream.of(
        Arguments.of(Bench.LG_MEMORY, (PeerFactory) (ws, body) ->
            new LangGraphRunner(LangGraphRunner.Saver.MEMORY, ws, body)),
        Arguments.of(Bench.LG_FILE, (PeerFactory) (ws, body) ->
            new LangGraphRunner(LangGraphRunner.Saver.FILE_SYSTEM, ws, body)),
        Arguments.of(Bench.AGENTIC, (PeerFactory) AgenticRunner::new),
        Arguments.of(Bench.ADK, (PeerFactory) AdkRunner::new));
  }

  // why: small sizes keep the test quick; the DAG's sleeps (0.4–6 ms at this scale) still make a
  // runner that ignores dependencies start the sink before the long branch has finished
  private static final List<Workload> SHAPES = List.of(Workload.chain(25), Workload.fanOut(40),
      Workload.unbalancedDag(0.02), Workload.diamond());

  @ParameterizedTest(name = "{0}")
  @MethodSource("peers")
  void runsEveryTaskOnceAndNeverBeforeWhatItWaitsFor(String peer, PeerFactory factory)
      throws Exception {
    TaskBody.Trace trace = new TaskBody.Trace();
    try (Contender runner = factory.open(SHAPES, new TaskBody(trace))) {
      for (Workload w : SHAPES) {
        // why: twice, so that a second run of the same set-up graph counts afresh
        for (int i = 0; i < 2; i++) {
          Run run = runner.run(w);

          assertThat(run.steps()).as(peer + " on " + w.name()).isEqualTo(w.size());
          assertThat(run.succeeded()).as(peer + " on " + w.name()).isEqualTo(w.size());
          assertThat(trace.runs()).as(peer + " on " + w.name())
              .isEqualTo(w.tasks().stream()
                  .collect(Collectors.toMap(Workload.Task::id, t -> 1)));
          for (Workload.Task t : w.tasks()) {
            assertThat(trace.finish(t.id())).as(peer + ": " + t.id() + " finished")
                .isGreaterThan(trace.start(t.id()));
            for (String d : t.after()) {
              assertThat(trace.start(t.id()))
                  .as(peer + " on " + w.name() + ": " + t.id() + " started after " + d
                      + " finished").isGreaterThan(trace.finish(d));
            }
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("peers")
  void refusesAWorkloadItWasNotSetUpFor(String peer, PeerFactory factory) throws Exception {
    try (Contender runner = factory.open(List.of(Workload.diamond()), new TaskBody())) {
      assertThatThrownBy(() -> runner.run(Workload.chain(3)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chain of 3");
    }
  }

  @Test
  void batonPlansParsedFromTheirJsonHaveTheWorkloadsStepsAndDependencies() {
    for (Workload w : SHAPES) {
      Plan plan = PlanCodec.parse(BatonRunner.planJson(w));

      Map<String, List<String>> after = plan.steps().stream().collect(Collectors.toMap(
          s -> s.id().value(), s -> s.after().stream().map(StepId::value).toList()));
      assertThat(after).as(w.name()).isEqualTo(w.tasks().stream()
          .collect(Collectors.toMap(Workload.Task::id, Workload.Task::after)));
      assertThat(plan.steps()).extracting(Step::tool).as(w.name()).containsExactlyElementsOf(
          w.tasks().stream().map(t -> BenchTools.toolFor(t.work())).toList());
    }
  }

  @Test
  void aWorkloadThatIsNotOneForkJoinIsRefusedWithTheTaskThatBreaksIt() {
    Workload crossed = new Workload("crossed", Workload.Shape.FORK_JOIN, List.of(
        new Workload.Task("root", List.of(), Duration.ZERO),
        new Workload.Task("a", List.of("root"), Duration.ZERO),
        new Workload.Task("b", List.of("root"), Duration.ZERO),
        new Workload.Task("c", List.of("a", "b"), Duration.ZERO),
        new Workload.Task("sink", List.of("c", "b"), Duration.ZERO)), 4);

    assertThatThrownBy(crossed::forkJoin).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crossed").hasMessageContaining("c in crossed");
    assertThat(Workload.unbalancedDag(1).forkJoin().branches()).extracting(List::size)
        .containsExactly(2, 2, 2, 1);
    assertThat(Workload.diamond().forkJoin().branches().stream().flatMap(List::stream)
        .map(Workload.Task::id).toList()).containsExactly("left", "right");
  }
}
