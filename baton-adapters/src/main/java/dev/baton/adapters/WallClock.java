package dev.baton.adapters;

import dev.baton.core.port.TimePort;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The wall clock as the engine's time port: now is the system's time, scheduled tasks start on
 * virtual threads when due (one small timer thread only counts down), and a tool's wait really
 * sleeps. One per JVM is plenty ({@link #shared()}).
 */
public final class WallClock implements TimePort {
  private static final WallClock SHARED = new WallClock(InstantSource.system());

  private final InstantSource source;
  private final ScheduledThreadPoolExecutor timer;

  private WallClock(InstantSource source) {
    this.source = source;
    this.timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "baton-timer");
      t.setDaemon(true);
      return t;
    });
    // why: an execution reschedules its wake-up often; cancelled ones must not pile up
    timer.setRemoveOnCancelPolicy(true);
  }

  /** The clock every engine of this JVM may share. */
  public static WallClock shared() {
    return SHARED;
  }

  @Override
  public Instant instant() {
    return source.instant();
  }

  /** The longest wait a timer is armed for; anything later waits this long (about 100 years). */
  static final Duration FOREVER = Duration.ofDays(36_500);

  @Override
  public Timer schedule(Instant due, Runnable task) {
    Duration wait = Duration.between(source.instant(), due);
    // why: a due time centuries away (a lease never renewed, a "never") overflows nanoseconds
    long delay = wait.isNegative() ? 0 : wait.compareTo(FOREVER) > 0 ? FOREVER.toNanos()
        : wait.toNanos();
    ScheduledFuture<?> f = timer.schedule(() -> Thread.ofVirtual().name("baton-due")
        .start(task), delay, TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration);
  }

  @Override
  public Duration takeOwedWait() {
    return Duration.ZERO;
  }
}
