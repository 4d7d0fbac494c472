package dev.baton.app;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.port.ExecutionQuery;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.simulate.SimulationOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What past executions say about each tool, for the simulator: the median time of its successful
 * calls (cached results left out) and the model use of one of its steps on average. Read once from
 * the most recent finished executions of a tenant.
 */
public final class RunHistory {
  /** How many recent finished executions are read. */
  public static final int EXECUTIONS = 200;

  private final Map<String, List<Duration>> durations = new HashMap<>();
  private final Map<String, double[]> models = new HashMap<>();
  private final Map<String, Integer> steps = new HashMap<>();

  private RunHistory() {}

  public static RunHistory of(ExecutionStore store, String tenant) {
    RunHistory h = new RunHistory();
    var query = ExecutionQuery.all(tenant).statuses(Set.of(ExecutionStatus.SUCCEEDED,
        ExecutionStatus.FAILED)).limit(EXECUTIONS);
    for (ExecutionSummary s : store.list(query).items()) {
      h.read(store.events(s.id(), 0));
    }
    return h;
  }

  private void read(List<Event> log) {
    if (log.isEmpty()) {
      return;
    }
    ExecutionState state = ExecutionState.replay(log);
    if (state.plan() == null) {
      return;
    }
    Map<String, String> toolOfStep = new HashMap<>();
    state.plan().steps().forEach(s -> toolOfStep.put(s.id().value(), s.tool()));
    for (Event e : log) {
      switch (e) {
        case Event.StepSucceeded s when !s.cached() && s.attempts() > 0 -> {
          String tool = toolOfStep.get(s.step().value());
          if (tool != null) {
            durations.computeIfAbsent(tool, k -> new ArrayList<>()).add(s.took());
            steps.merge(tool, 1, Integer::sum);
          }
        }
        case Event.ModelUsed m -> {
          String tool = toolOfStep.get(m.purpose());
          if (tool != null) {
            double[] sum = models.computeIfAbsent(tool, k -> new double[3]);
            sum[0] += m.calls();
            sum[1] += m.inputTokens();
            sum[2] += m.outputTokens();
          }
        }
        default -> { }
      }
    }
  }

  /** The median time of the tool's successful calls, if it has any. */
  public Optional<Duration> median(String tool) {
    List<Duration> all = durations.get(tool);
    if (all == null || all.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> sorted = all.stream().sorted().toList();
    return Optional.of(sorted.get(sorted.size() / 2));
  }

  /** Model calls and tokens of one step of the tool, on average, if it ever used a model. */
  public Optional<SimulationOptions.ModelUse> modelUse(String tool) {
    double[] sum = models.get(tool);
    Integer n = steps.get(tool);
    if (sum == null || n == null || n == 0) {
      return Optional.empty();
    }
    return Optional.of(new SimulationOptions.ModelUse(sum[0] / n, sum[1] / n, sum[2] / n));
  }
}
