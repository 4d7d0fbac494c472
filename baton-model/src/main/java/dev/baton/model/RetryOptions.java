package dev.baton.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link LangChain4jModel} retries a call that failed in a way worth retrying (HTTP 429, 5xx,
 * a broken connection): at most {@code maxAttempts} calls in all, waiting exponentially longer from
 * {@code initialBackoff} up to {@code maxBackoff}, or as long as the service's Retry-After asks. A
 * Retry-After longer than {@code maxBackoff} is not waited for: the call fails at once with the
 * hint, so the caller can decide.
 */
public record RetryOptions(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(20);
  public static final RetryOptions DEFAULTS =
      new RetryOptions(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);

  public RetryOptions {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff " + maxBackoff
          + " must not be shorter than initialBackoff " + initialBackoff);
    }
  }
}
