package dev.baton.core.planning;

import dev.baton.core.plan.Plan;
import dev.baton.core.plan.StepId;
import java.util.Map;

/**
 * A planner's answer: a plan that passed validation, the reason for each step (in the request's
 * language), what it cost, and the language the request was in.
 */
public record PlanProposal(Plan plan, Map<StepId, String> reasons, PlanCost cost,
    String language) {
  public PlanProposal {
    reasons = Map.copyOf(reasons);
  }
}
