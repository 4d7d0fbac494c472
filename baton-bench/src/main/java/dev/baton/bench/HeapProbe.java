package dev.baton.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap in use after full collections: what is still reachable. {@code MemoryMXBean.gc()} is
 * {@code System.gc()}, a full stop-the-world collection with G1 (unless the JVM runs with
 * {@code -XX:+DisableExplicitGC} or {@code -XX:+ExplicitGCInvokesConcurrent}, which this benchmark
 * does not); collections repeat until the figure stops falling by more than 1%, at most five times,
 * so that objects freed by finalisation or reference processing in one collection are gone too.
 */
final class HeapProbe {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapProbe() {}

  /** Bytes of heap in use after full collections. */
  static long usedAfterGc() {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      MEMORY.gc();
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      boolean settled = used > best - best / 100;
      best = Math.min(best, used);
      if (settled) {
        break;
      }
    }
    return best;
  }
}
