package dev.baton.core.planning;

import dev.baton.core.error.BatonException;
import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.ToolCatalog;
import java.util.Optional;

/**
 * Turns a person's request into a plan over a tool catalogue. Every plan a planner returns has
 * passed {@link dev.baton.core.plan.PlanValidator}.
 */
public interface Planner {
  /**
   * @throws BatonException PLAN_NOT_UNDERSTOOD (saying what, in the request's language) when it
   *     cannot plan the request; PLAN_INVALID when a model's plan stayed invalid after repairs;
   *     MODEL_* when the model failed
   */
  PlanProposal plan(String request, ToolCatalog catalog, PlanContext context);

  /**
   * A new plan after a step failed for good: it must keep the steps that already succeeded (same
   * ids, tools and arguments) and may replace the rest. Empty when this planner has no better plan.
   */
  default Optional<PlanProposal> replan(ExecutionState state, StepId failed, ErrorInfo error,
      ToolCatalog catalog, PlanContext context) {
    return Optional.empty();
  }
}
