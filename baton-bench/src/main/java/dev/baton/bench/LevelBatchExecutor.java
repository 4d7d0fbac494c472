package dev.baton.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed's way of running a plan, kept as the baseline: start every task of one dependency level
 * at once (a virtual thread each), wait for all of them, then start the next level. No store, no
 * events, no checks: whatever it loses against the critical path is the batching alone.
 */
final class LevelBatchExecutor implements Contender {

  @Override
  public Run run(Workload w) throws InterruptedException {
    List<List<Workload.Task>> levels = w.byLevel();
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    for (List<Workload.Task> level : levels) {
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (Workload.Task t : level) {
          threads.submit(() -> {
            if (!t.work().isZero()) {
              Thread.sleep(t.work());
            }
            done.incrementAndGet();
            return null;
          });
        }
      } // why: close() waits for every task of the level: that wait is the batching
    }
    return new Run(Duration.ofNanos(System.nanoTime() - start), w.size(), done.get());
  }

  @Override
  public void close() {}
}
