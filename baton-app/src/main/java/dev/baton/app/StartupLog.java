package dev.baton.app;

import java.lang.management.ManagementFactory;

/**
 * Where start-up time goes: with {@code -Dbaton.startup.log=true} each {@link #mark} prints to
 * standard error how long after the start of the JVM it came. Off by default, and then free.
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
    // why: the JVM's own record of its start, to the millisecond (the process's start time in
    // /proc is counted from a boot time known to the second only)
    long start = ManagementFactory.getRuntimeMXBean().getStartTime();
    long now = System.currentTimeMillis();
    System.err.printf("[start-up] %5d ms  %s  (at %d)%n", now - start, what, now);
  }
}
