package dev.baton.core.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * Bounds on tool calls running at once: one for the whole process, one per tool. Semaphores, not
 * pool sizes, because every call has its own virtual thread.
 */
final class Limits {
  private final Semaphore process;
  private final int defaultPerTool;
  private final ConcurrentMap<String, Semaphore> perTool = new ConcurrentHashMap<>();

  Limits(int processLimit, int defaultPerTool) {
    this.process = new Semaphore(processLimit, true);
    this.defaultPerTool = defaultPerTool;
  }

  /** Blocks until both the process and the tool have room. @param toolLimit 0 for the default */
  Permit acquire(String tool, int toolLimit) throws InterruptedException {
    int limit = toolLimit > 0 ? toolLimit : defaultPerTool;
    Semaphore forTool = limit > 0 ? perTool.computeIfAbsent(tool, k -> new Semaphore(limit, true))
        : null;
    if (forTool != null) {
      forTool.acquire();
    }
    try {
      process.acquire();
    } catch (InterruptedException e) {
      if (forTool != null) {
        forTool.release();
      }
      throw e;
    }
    return () -> {
      process.release();
      if (forTool != null) {
        forTool.release();
      }
    };
  }

  /** Held capacity; closing gives it back. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }
}
