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

  /**
   * How long to wait after failed attempt {@code attempt} (1 for the first) before the next: a
   * server's {@code hint} (Retry-After) when given, else exponential backoff with jitter. The jitter
   * comes from {@code seed} (e.g. a hash of execution, step and attempt), so one attempt always
   * waits the same and a virtual-time run is repeatable. Pure.
   */
  public Duration delay(int attempt, Duration hint, long seed) {
    if (hint != null && !hint.isNegative()) {
      return hint;
    }
    double base = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
    base = Math.min(base, maxDelay.toNanos());
    // why: a well-mixed 53-bit fraction of the seed in [0, 1), so neighbouring seeds spread out
    long mixed = seed * 0x9E3779B97F4A7C15L;
    mixed ^= mixed >>> 31;
    mixed *= 0xBF58476D1CE4E5B9L;
    mixed ^= mixed >>> 29;
    double unit = (mixed >>> 11) * 0x1.0p-53;
    double factor = 1.0 + jitter * (2.0 * unit - 1.0);
    return Duration.ofNanos(Math.max(1, Math.round(base * factor)));
  }

  /** Whether a step that failed attempt {@code attempt} may try again. */
  public boolean allowsAnotherAfter(int attempt) {
    return attempt < maxAttempts;
  }

  public static RetryPolicy attempts(int maxAttempts, Duration initialDelay) {
    return new RetryPolicy(maxAttempts, initialDelay, 2.0,
        initialDelay.multipliedBy(64), 0.5);
  }
}
