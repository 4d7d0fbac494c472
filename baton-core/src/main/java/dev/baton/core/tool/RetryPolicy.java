package dev.baton.core.tool;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a step is retried after a retryable failure: exponential backoff
 * from {@code initialDelay} by {@code multiplier}, capped at {@code maxDelay}, with +/- {@code jitter}
 * (0..1) randomisation. {@code maxAttempts} counts the first attempt.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier,
    Duration maxDelay, double jitter) {
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ofMillis(1), 1.0,
      Duration.ofMillis(1), 0.0);
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), 2.0,
      Duration.ofSeconds(10), 0.5);

  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive, was " + initialDelay);
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
    }
    if (jitter < 0.0 || jitter >= 1.0) {
      throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay must not be below initialDelay");
    }
  }

  public static RetryPolicy attempts(int maxAttempts, Duration initialDelay) {
    return new RetryPolicy(maxAttempts, initialDelay, 2.0,
        initialDelay.multipliedBy(64), 0.5);
  }
}
