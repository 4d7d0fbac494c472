package dev.baton.core.tool;

import java.time.Duration;
import java.util.Objects;

/** At most {@code permits} calls per {@code period}, per tool and tenant. */
public record RateLimit(long permits, Duration period) {
  public RateLimit {
    Objects.requireNonNull(period, "period");
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1, was " + permits);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
  }
}
