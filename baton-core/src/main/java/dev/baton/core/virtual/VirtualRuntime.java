package dev.baton.core.virtual;

import dev.baton.core.port.TimePort;
import dev.baton.core.port.Workers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Virtual time and workers for a deterministic engine: one thread (the caller's) runs every job and
 * every due timer, in order, and time moves only when nothing is left to run now. Jobs run in the
 * order they were started; timers due at the same instant run in the order they were scheduled.
 * Waits inside tool calls ({@link #sleep}) take no real time: they are owed, and the engine ends the
 * call that much later on this clock.
 *
 * <p>Not thread-safe: everything must happen on the thread that drives it (a test, the simulator).
 */
public final class VirtualRuntime implements TimePort, Workers {
  private record Due(Instant at, long order, Runnable task, TimerHandle handle) {}

  private static final class TimerHandle implements Timer {
    boolean cancelled;

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  private static final class QueuedJob implements Job {
    final String name;
    final Runnable task;
    boolean interrupted;

    QueuedJob(String name, Runnable task) {
      this.name = name;
      this.task = task;
    }

    @Override
    public void interrupt() {
      interrupted = true;
    }
  }

  private final ArrayDeque<QueuedJob> ready = new ArrayDeque<>();
  private final PriorityQueue<Due> timers = new PriorityQueue<>((a, b) -> {
    int c = a.at().compareTo(b.at());
    return c != 0 ? c : Long.compare(a.order(), b.order());
  });
  private Instant now;
  private long order;
  private Duration owed = Duration.ZERO;
  private long jobsRun;

  public VirtualRuntime(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public Timer schedule(Instant due, Runnable task) {
    TimerHandle h = new TimerHandle();
    timers.add(new Due(due.isBefore(now) ? now : due, order++, task, h));
    return h;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    owed = owed.plus(duration);
  }

  @Override
  public Duration takeOwedWait() {
    Duration d = owed;
    owed = Duration.ZERO;
    return d;
  }

  @Override
  public Job start(String name, Runnable task) {
    QueuedJob job = new QueuedJob(name, task);
    ready.add(job);
    return job;
  }

  /** Jobs run one after another on the thread that drives the clock: none may wait for another. */
  @Override
  public boolean mayBlock() {
    return false;
  }

  /** Runs every job and timer due now, without moving time; true if anything ran. */
  public boolean runReady() {
    boolean any = false;
    while (true) {
      QueuedJob job = ready.poll();
      if (job != null) {
        any = true;
        if (!job.interrupted) {
          jobsRun++;
          owed = Duration.ZERO;
          job.task.run();
        }
        continue;
      }
      Due due = timers.peek();
      if (due == null || due.at().isAfter(now)) {
        return any;
      }
      timers.poll();
      if (!due.handle().cancelled) {
        any = true;
        due.task().run();
      }
    }
  }

  /**
   * Runs until nothing is ready and no timer is due within {@code limit} from now, moving time to
   * each timer as it comes; leaves the clock at the last timer that ran (or where it was).
   */
  public void runFor(Duration limit) {
    Instant end = now.plus(limit);
    runReady();
    while (true) {
      Due next = nextLiveTimer();
      if (next == null || next.at().isAfter(end)) {
        return;
      }
      now = next.at();
      runReady();
    }
  }

  /** Moves time forward by {@code d}, running whatever falls due on the way; ends at now + d. */
  public void advance(Duration d) {
    Instant end = now.plus(d);
    runFor(d);
    now = end;
    runReady();
  }

  /**
   * Runs until {@code done} holds, moving time to the next timer whenever nothing is ready.
   *
   * @return false if nothing was left to run (no job, no timer) before {@code done} held
   */
  public boolean runUntil(BooleanSupplier done, Duration limit) {
    Instant end = now.plus(limit);
    runReady();
    while (!done.getAsBoolean()) {
      Due next = nextLiveTimer();
      if (next == null || next.at().isAfter(end)) {
        return done.getAsBoolean();
      }
      now = next.at();
      runReady();
    }
    return true;
  }

  /** How many jobs have run so far. */
  public long jobsRun() {
    return jobsRun;
  }

  /** The time of the next timer that is still live, or null. */
  public Instant nextTimer() {
    Due d = nextLiveTimer();
    return d == null ? null : d.at();
  }

  private Due nextLiveTimer() {
    while (!timers.isEmpty() && timers.peek().handle().cancelled) {
      timers.poll();
    }
    return timers.peek();
  }
}
