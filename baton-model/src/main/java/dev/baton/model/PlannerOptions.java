package dev.baton.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ModelPlanner} works: how many times it sends a plan's problems back to the model
 * before giving up, and how long each model call may take.
 */
public record PlannerOptions(int maxRepairs, Duration callTimeout) {
  public static final int DEFAULT_MAX_REPAIRS = 2;
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
  public static final PlannerOptions DEFAULTS =
      new PlannerOptions(DEFAULT_MAX_REPAIRS, DEFAULT_CALL_TIMEOUT);

  public PlannerOptions {
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (maxRepairs < 0) {
      throw new IllegalArgumentException("maxRepairs must not be negative, was " + maxRepairs);
    }
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
    }
  }
}
