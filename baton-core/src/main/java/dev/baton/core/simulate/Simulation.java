package dev.baton.core.simulate;

import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.plan.StepId;
import java.time.Duration;
import java.util.List;

/**
 * What a dry run predicts: when each step starts and ends, the makespan and the critical path,
 * which approvals and questions a person will be asked and in what order, the model use, and how
 * the execution would end. {@code sideEffectCalls} counts calls of side-effecting tools made during
 * the simulation: always zero (the simulator never makes one; it is counted, not assumed).
 */
public record Simulation(List<Timed> steps, Duration makespan, List<StepId> criticalPath,
    Duration criticalPathLength, List<HumanStep> humanSteps, double modelCalls,
    double inputTokens, double outputTokens, ExecutionStatus end, int sideEffectCalls) {

  public Simulation {
    steps = List.copyOf(steps);
    criticalPath = List.copyOf(criticalPath);
    humanSteps = List.copyOf(humanSteps);
  }

  /**
   * One step's predicted run: offsets from the start; {@code simulated} when its output is a
   * stand-in (a side effect's preview or a sample of its output schema), not a real result.
   */
  public record Timed(StepId step, String tool, Duration start, Duration end, String status,
      boolean simulated, String note) {}

  /** An approval or a question a person will be asked, at that offset, in that order. */
  public record HumanStep(int order, StepId step, String tool, boolean question, Duration at,
      String preview) {}

  /** The steps in the order they start. */
  public List<StepId> startOrder() {
    return steps.stream().sorted(java.util.Comparator.comparing(Timed::start)
        .thenComparing(t -> steps.indexOf(t))).map(Timed::step).toList();
  }
}
