package dev.baton.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a peer's step does: sleeps for the task's work (nothing for a no-op) and counts itself. A
 * runner counts with {@link #reset()} before a run and {@link #executed()} after it. With a
 * {@link Trace} it also notes when each task started and finished, on one shared tick counter, so
 * a test can check that every task ran once and after everything it waits for; the benchmark runs
 * without one, so that the bookkeeping stays off the measured path.
 */
final class TaskBody {
  private final AtomicInteger executed = new AtomicInteger();
  private final Trace trace;

  /** A body that only counts. */
  TaskBody() {
    this(null);
  }

  /** A body that also records into {@code trace} (null: counts only). */
  TaskBody(Trace trace) {
    this.trace = trace;
  }

  /** Does the task's work, on the calling thread. */
  void run(Workload.Task t) throws InterruptedException {
    if (trace != null) {
      trace.started(t.id());
    }
    if (!t.work().isZero()) {
      Thread.sleep(t.work());
    }
    if (trace != null) {
      trace.finished(t.id());
    }
    executed.incrementAndGet();
  }

  void reset() {
    executed.set(0);
    if (trace != null) {
      trace.clear();
    }
  }

  int executed() {
    return executed.get();
  }

  /** Start and finish ticks of each task, and how many times each task started. */
  static final class Trace {
    private final AtomicLong tick = new AtomicLong();
    private final Map<String, Long> starts = new ConcurrentHashMap<>();
    private final Map<String, Long> finishes = new ConcurrentHashMap<>();
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();

    void started(String id) {
      starts.put(id, tick.incrementAndGet());
      runs.merge(id, 1, Integer::sum);
    }

    void finished(String id) {
      finishes.put(id, tick.incrementAndGet());
    }

    void clear() {
      starts.clear();
      finishes.clear();
      runs.clear();
    }

    /** How many times each task started. */
    Map<String, Integer> runs() {
      return Map.copyOf(runs);
    }

    /** The tick at which a task started, or -1 if it never did. */
    long start(String id) {
      return starts.getOrDefault(id, -1L);
    }

    /** The tick at which a task finished, or -1 if it never did. */
    long finish(String id) {
      return finishes.getOrDefault(id, -1L);
    }
  }
}
