package dev.baton.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test moves it, so time-dependent code is tested without sleeping.
 * Thread-safe: any thread may read or advance it.
 */
public final class FakeClock implements InstantSource {
  /** Where a clock made with {@link #FakeClock()} starts. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

  private final AtomicReference<Instant> now;

  public FakeClock() {
    this(DEFAULT_START);
  }

  public FakeClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /**
   * Moves the clock forward and returns the new time.
   *
   * @throws IllegalArgumentException if {@code amount} is negative (time never runs backwards)
   */
  public Instant advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("cannot advance by a negative amount: " + amount);
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  @Override
  public String toString() {
    return "FakeClock[" + now.get() + "]";
  }
}
