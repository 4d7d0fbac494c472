package dev.baton.core.simulate;

import dev.baton.core.exec.ExecutionOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to simulate: whether read-only tools run for real ({@link Mode#READ}, so previews and
 * outputs are accurate) or are simulated too ({@link Mode#ALL}); how long each tool is expected to
 * take ({@code history}: the median of its past successful runs, if known; else the tool's own
 * {@code expectedDuration}); what a step of a tool costs in model use ({@code modelUse}, from past
 * runs); when the simulated run starts; and the execution's options.
 */
public record SimulationOptions(Mode mode, Function<String, Optional<Duration>> history,
    Function<String, Optional<ModelUse>> modelUse, Instant start, ExecutionOptions execution) {

  /** What runs for real in a simulation; a side effect never does. */
  public enum Mode {
    ALL,
    READ
  }

  /** Model calls and tokens one step of a tool used, on average. */
  public record ModelUse(double calls, double inputTokens, double outputTokens) {}

  public SimulationOptions {
    Objects.requireNonNull(mode, "mode");
    history = history == null ? tool -> Optional.empty() : history;
    modelUse = modelUse == null ? tool -> Optional.empty() : modelUse;
    Objects.requireNonNull(start, "start");
    execution = execution == null ? ExecutionOptions.DEFAULTS : execution;
  }

  public static SimulationOptions of(Mode mode, Instant start) {
    return new SimulationOptions(mode, null, null, start, null);
  }

  public SimulationOptions withHistory(Function<String, Optional<Duration>> value) {
    return new SimulationOptions(mode, value, modelUse, start, execution);
  }

  public SimulationOptions withModelUse(Function<String, Optional<ModelUse>> value) {
    return new SimulationOptions(mode, history, value, start, execution);
  }

  public SimulationOptions withExecution(ExecutionOptions value) {
    return new SimulationOptions(mode, history, modelUse, start, value);
  }
}
