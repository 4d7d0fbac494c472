package dev.baton.bench;

import dev.baton.adapters.Engines;
import dev.baton.core.engine.Engine;
import dev.baton.core.engine.Submission;
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
import java.util.concurrent.TimeUnit;

/**
 * Runs workloads on one Baton engine over one store, the way an application embeds Baton: the wall
 * time of a run is from just before {@code submit} to the moment the handle's future hands back
 * the result, so plan validation, every commit, every step and the hand-off to the caller are
 * inside it.
 */
final class BatonRunner implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final CountingStore store;
  private final Engine engine;

  BatonRunner(ExecutionStore store, ToolCatalog catalog) {
    this.store = new CountingStore(store);
    this.engine = Engines.builder(this.store, catalog).build();
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
    Submission submission = new Submission(null, plan, "benchmark", null,
        ExecutionOptions.DEFAULTS.withMaxParallel(maxParallel));
    long commitsBefore = store.appends();
    long start = System.nanoTime();
    ExecutionState state;
    try {
      state = engine.submit(submission).result().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the execution did not end within " + TIMEOUT, e);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    long commits = store.appends() - commitsBefore;
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
