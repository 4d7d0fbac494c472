package dev.baton.app;

import java.time.Instant;

/**
 * Where start-up time goes: with {@code -Dbaton.startup.log=true} each {@link #mark} prints to
 * standard error how long after the start of the process it came. Off by default, and then free.
 */
public final class StartupLog {
  /** The system property that turns the log on. */
  public static final String PROPERTY = "baton.startup.log";
  private static final boolean ON = Boolean.getBoolean(PROPERTY);

  private StartupLog() {}

  /** Records that {@code what} is done now (when the log is on). */
  public static void mark(String what) {
    if (!ON) {
      return;
    }
    long now = System.currentTimeMillis();
    // why: the process's start (JVM start-up included), not this class's first use
    long start = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
        .orElse(now);
    System.err.printf("[start-up] %5d ms  %s%n", now - start, what);
  }
}
