package dev.baton.core.exec;

import dev.baton.core.plan.Plan;
import java.time.Instant;

/** One version of an execution's plan and why it exists ("submitted", "edited before approval"). */
public record PlanVersion(int version, Plan plan, String reason, Instant at) {}
