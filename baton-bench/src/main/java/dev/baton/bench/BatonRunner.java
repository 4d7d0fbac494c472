package dev.baton.bench;

import dev.baton.core.engine.Engine;
import dev.baton.core.engine.Submission;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.tool.ToolCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs workloads on one Baton engine over one store. The wall time of a run is from just before
 * {@code submit} to the moment the execution's terminal status is committed (seen by a listener on
 * the committing thread), so plan validation, every commit and every step are inside it; reading
 * the final state back is not.
 */
final class BatonRunner implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final CountingStore store;
  private final Engine engine;
  private final ConcurrentHashMap<ExecutionId, CountDownLatch> ends = new ConcurrentHashMap<>();

  BatonRunner(ExecutionStore store, ToolCatalog catalog) {
    this.store = new CountingStore(store);
    this.engine = Engine.builder(this.store, catalog).build();
    // why: Engine.awaitEnd re-reads the whole log on every event; waiting through it would put
    // that reading on the measured path (and on the same two cores)
    engine.subscribe(e -> {
      if (e instanceof Event.StatusChanged s && s.to().terminal()) {
        CountDownLatch end = ends.get(s.execution());
        if (end != null) {
          end.countDown();
        }
      }
    });
  }

  /** The workload as a Baton plan: one step per task, dependencies as {@code after}. */
  static Plan plan(Workload w) {
    List<Step> steps = new ArrayList<>();
    for (Workload.Task t : w.tasks()) {
      steps.add(Step.of(t.id(), BenchTools.toolFor(t.work()), Json.object())
          .withAfter(t.after().stream().map(StepId::of).toList()));
    }
    return new Plan(steps);
  }

  /** Runs the plan once with at most {@code maxParallel} steps in flight. */
  Run run(Plan plan, int maxParallel) throws InterruptedException {
    ExecutionId id = ExecutionId.random();
    CountDownLatch end = new CountDownLatch(1);
    ends.put(id, end);
    Submission submission = new Submission(id, plan, "benchmark", null,
        ExecutionOptions.DEFAULTS.withMaxParallel(maxParallel));
    long commitsBefore = store.appends();
    long start = System.nanoTime();
    engine.submit(submission);
    if (!end.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("execution " + id + " did not end within " + TIMEOUT);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    long commits = store.appends() - commitsBefore;
    ends.remove(id);
    ExecutionState state = engine.awaitEnd(id, TIMEOUT);
    long succeeded = state.steps().values().stream()
        .filter(s -> s.status() == StepStatus.SUCCEEDED).count();
    return new Run(wall, plan.steps().size(), (int) succeeded, commits);
  }

  /** The store under the counting wrapper. */
  ExecutionStore store() {
    return store.inner();
  }

  @Override
  public void close() {
    engine.close();
    store.close();
  }
}
