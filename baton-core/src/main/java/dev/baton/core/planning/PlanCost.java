package dev.baton.core.planning;

import java.time.Duration;

/** What planning cost: model calls, tokens in and out, and time. Zero for the offline planner. */
public record PlanCost(int modelCalls, long inputTokens, long outputTokens, Duration took) {
  public static final PlanCost NONE = new PlanCost(0, 0, 0, Duration.ZERO);

  public PlanCost plus(PlanCost other) {
    return new PlanCost(modelCalls + other.modelCalls, inputTokens + other.inputTokens,
        outputTokens + other.outputTokens, took.plus(other.took));
  }
}
