package dev.baton.core.exec;

import dev.baton.core.plan.Plan;
import java.time.Instant;

/** One version of an execution's plan and why it exists ("submitted", "edited before approval"). */
public record PlanVersion(int version, Plan plan, String reason, Instant at) {
  /** Every replan's reason starts with this, so replans can be counted and bounded. */
  public static final String REPLANNED = "replanned";

  public boolean replan() {
    return reason != null && reason.startsWith(REPLANNED);
  }
}
