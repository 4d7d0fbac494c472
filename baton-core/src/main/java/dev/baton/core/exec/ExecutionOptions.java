package dev.baton.core.exec;

import java.time.Duration;

/**
 * Per-execution choices. {@code maxParallel} bounds steps in flight; {@code approvalTimeout} (null:
 * wait forever) and {@code expiryPolicy} apply to every approval; {@code requirePlanApproval} holds
 * the whole plan for a person before any step runs.
 */
public record ExecutionOptions(int maxParallel, boolean requirePlanApproval,
    Duration approvalTimeout, ExpiryPolicy expiryPolicy) {
  public static final int DEFAULT_MAX_PARALLEL = 8;
  public static final ExecutionOptions DEFAULTS =
      new ExecutionOptions(DEFAULT_MAX_PARALLEL, false, null, ExpiryPolicy.REJECT);

  public ExecutionOptions {
    if (maxParallel < 1) {
      throw new IllegalArgumentException("maxParallel must be at least 1, was " + maxParallel);
    }
    if (approvalTimeout != null && (approvalTimeout.isNegative() || approvalTimeout.isZero())) {
      throw new IllegalArgumentException("approvalTimeout must be positive");
    }
    expiryPolicy = expiryPolicy == null ? ExpiryPolicy.REJECT : expiryPolicy;
  }

  public ExecutionOptions withMaxParallel(int n) {
    return new ExecutionOptions(n, requirePlanApproval, approvalTimeout, expiryPolicy);
  }

  public ExecutionOptions withPlanApproval(boolean value) {
    return new ExecutionOptions(maxParallel, value, approvalTimeout, expiryPolicy);
  }

  public ExecutionOptions withApprovalTimeout(Duration timeout, ExpiryPolicy policy) {
    return new ExecutionOptions(maxParallel, requirePlanApproval, timeout, policy);
  }
}
