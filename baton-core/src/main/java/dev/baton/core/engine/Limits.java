package dev.baton.core.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds on tool calls running at once: one for the whole process, one per tool. Counters, not
 * pools, and never blocking: a call that finds no room is called back when some is freed, in the
 * order calls asked. Thread-safe.
 */
final class Limits {
  private final ReentrantLock lock = new ReentrantLock();
  private final int processLimit;
  private final int defaultPerTool;
  private int processInUse;
  private final Map<String, Integer> toolInUse = new HashMap<>();
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

  Limits(int processLimit, int defaultPerTool) {
    this.processLimit = processLimit;
    this.defaultPerTool = defaultPerTool;
  }

  /**
   * Room for one call of {@code tool}, or null (and {@code onFree} runs once when a call ends).
   *
   * @param toolLimit the tool's own bound, 0 for the default
   */
  Permit tryAcquire(String tool, int toolLimit, Runnable onFree) {
    int limit = toolLimit > 0 ? toolLimit : defaultPerTool;
    lock.lock();
    try {
      int used = toolInUse.getOrDefault(tool, 0);
      if (processInUse >= processLimit || (limit > 0 && used >= limit)) {
        waiting.add(onFree);
        return null;
      }
      processInUse++;
      toolInUse.put(tool, used + 1);
    } finally {
      lock.unlock();
    }
    return new Permit(tool);
  }

  /** Held room; closing gives it back and wakes whoever waited. */
  final class Permit implements AutoCloseable {
    private final String tool;
    private boolean closed;

    private Permit(String tool) {
      this.tool = tool;
    }

    @Override
    public void close() {
      Runnable[] wake;
      lock.lock();
      try {
        if (closed) {
          return;
        }
        closed = true;
        processInUse--;
        toolInUse.merge(tool, -1, Integer::sum);
        wake = waiting.toArray(Runnable[]::new);
        waiting.clear();
      } finally {
        lock.unlock();
      }
      for (Runnable r : wake) {
        r.run();
      }
    }
  }
}
