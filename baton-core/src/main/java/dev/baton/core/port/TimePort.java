package dev.baton.core.port;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The engine's one source of time: it reads the time and schedules every wait (retry backoff,
 * tool timeouts, approval expiry, lease renewal, commit backoff, polling), so the same engine runs
 * on the wall clock or on virtual time (tests, the simulator). Implementations are thread-safe.
 */
public interface TimePort extends InstantSource {
  /**
   * Runs {@code task} once at {@code due}, or as soon as possible if it has passed. The task runs on
   * a thread of the port's choosing and must not block for long (hand long work to
   * {@link Workers}).
   */
  Timer schedule(Instant due, Runnable task);

  /**
   * A wait inside a tool call ({@code ToolContext.sleep}): on the wall clock the calling thread
   * sleeps; on virtual time the wait is only counted, and {@link #takeOwedWait()} hands it to the
   * engine, which ends the call that much later.
   *
   * @throws InterruptedException when the step is cancelled while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Virtual waits counted on this thread since the last call, now forgotten; always zero on the
   * wall clock, where waits really happen.
   */
  Duration takeOwedWait();

  /** A scheduled task; cancelling one that has run or was cancelled does nothing. */
  interface Timer {
    void cancel();
  }
}
