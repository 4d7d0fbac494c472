package dev.baton.core.engine;

import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.plan.Plan;
import dev.baton.core.planning.PlanCost;

/**
 * A request to run a plan. {@code id} may be null (one is made up); {@code request} is the person's
 * words, kept for the record; {@code plan} may be null when the engine's planner is to make it from
 * the request (the execution then shows a planning state first).
 */
public record Submission(ExecutionId id, Plan plan, String request, String tenant,
    ExecutionOptions options, PlannedBy plannedBy) {

  /** Which planner made the plan and what it cost; recorded with the execution. */
  public record PlannedBy(String planner, PlanCost cost) {}

  public Submission(ExecutionId id, Plan plan, String request, String tenant,
      ExecutionOptions options) {
    this(id, plan, request, tenant, options, null);
  }

  public static final String DEFAULT_TENANT = "default";

  public Submission {
    if (plan == null && (request == null || request.isBlank())) {
      throw new IllegalArgumentException("a submission needs a plan or a request to plan");
    }
    request = request == null ? "" : request;
    tenant = tenant == null ? DEFAULT_TENANT : tenant;
    options = options == null ? ExecutionOptions.DEFAULTS : options;
  }

  public static Submission of(Plan plan) {
    return new Submission(null, plan, null, null, null);
  }

  /** A request in words, planned by the engine's planner before anything runs. */
  public static Submission ofRequest(String request) {
    return new Submission(null, null, request, null, null);
  }

  public Submission withTenant(String value) {
    return new Submission(id, plan, request, value, options, plannedBy);
  }

  public Submission withId(ExecutionId value) {
    return new Submission(value, plan, request, tenant, options, plannedBy);
  }

  public Submission withOptions(ExecutionOptions value) {
    return new Submission(id, plan, request, tenant, value, plannedBy);
  }

  public Submission withRequest(String value) {
    return new Submission(id, plan, value, tenant, options, plannedBy);
  }

  public Submission withPlannedBy(String planner, PlanCost cost) {
    return new Submission(id, plan, request, tenant, options, new PlannedBy(planner, cost));
  }
}
