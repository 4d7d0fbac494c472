package dev.baton.bench;

import dev.baton.adapters.Engines;
import dev.baton.core.engine.Engine;
import dev.baton.core.engine.Submission;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.port.ExecutionStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs workloads on Baton the way a user embeds it: the plans are JSON text parsed with
 * {@link PlanCodec}, the tools are {@code TypedTool}s in a catalogue, and each run is
 * {@code Engine.submit}, whose handle's future completes with the final state (the result). The
 * wall time of a run covers both: validation, every commit, every step and the hand-off of the
 * result to the caller.
 *
 * <p>Setting it up (the setup time) builds the catalogue, wraps the store, builds the engine and
 * parses the plans; the store itself is opened by the caller just before (for SQLite that includes
 * the migrations).
 */
final class BatonRunner implements Contender {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final CountingStore store;
  private final Engine engine;
  private final Map<Workload, Plan> plans = new LinkedHashMap<>();

  BatonRunner(ExecutionStore store, List<Workload> workloads) {
    this.store = new CountingStore(store);
    this.engine = Engines.builder(this.store, BenchTools.catalog(workloads)).build();
    for (Workload w : workloads) {
      plans.put(w, PlanCodec.parse(planJson(w)));
    }
  }

  /** The workload as a user's plan file: one step per task, its dependencies as {@code after}. */
  static String planJson(Workload w) {
    StringBuilder json = new StringBuilder("{\"steps\": [");
    String comma = "";
    for (Workload.Task t : w.tasks()) {
      json.append(comma).append("\n  {\"id\": \"").append(t.id()).append("\", \"tool\": \"")
          .append(BenchTools.toolFor(t.work())).append("\", \"args\": {}");
      if (!t.after().isEmpty()) {
        json.append(", \"after\": [\"").append(String.join("\", \"", t.after())).append("\"]");
      }
      json.append('}');
      comma = ",";
    }
    return json.append("\n]}\n").toString();
  }

  /** Submits the workload's plan with its {@code maxParallel} and waits for the end. */
  @Override
  public Run run(Workload w) {
    Plan plan = plans.get(w);
    if (plan == null) {
      throw new IllegalArgumentException("Baton was not set up for " + w.name());
    }
    Submission submission = new Submission(null, plan, "benchmark", null,
        ExecutionOptions.DEFAULTS.withMaxParallel(w.maxParallel()));
    long appendsBefore = store.appends();
    long start = System.nanoTime();
    ExecutionState end;
    try {
      end = engine.submit(submission).result().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the execution did not end within " + TIMEOUT, e);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    long succeeded = end.steps().values().stream()
        .filter(s -> s.status() == StepStatus.SUCCEEDED).count();
    return new Run(wall, plan.steps().size(), (int) succeeded, store.appends() - appendsBefore);
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
