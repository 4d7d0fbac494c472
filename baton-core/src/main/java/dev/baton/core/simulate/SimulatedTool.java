package dev.baton.core.simulate;

import dev.baton.core.plan.Samples;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolDescriptor;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A tool as the simulator runs it: a side effect (or, in {@link SimulationOptions.Mode#ALL}, any
 * tool) is not called: its output is a sample of its output schema; a read-only tool in
 * {@link SimulationOptions.Mode#READ} runs for real. Either way the call then waits the tool's
 * expected duration on the simulator's virtual clock. The preview and the lock keys are the real
 * tool's (they are read-only).
 */
final class SimulatedTool implements Tool {
  private final Tool real;
  private final boolean callReal;
  private final Duration duration;
  private final AtomicInteger sideEffectCalls;

  SimulatedTool(Tool real, SimulationOptions.Mode mode, Duration duration,
      AtomicInteger sideEffectCalls) {
    this.real = real;
    var options = real.descriptor().options();
    this.callReal = mode == SimulationOptions.Mode.READ && !options.sideEffect()
        && !options.question();
    this.duration = duration;
    this.sideEffectCalls = sideEffectCalls;
  }

  boolean simulated() {
    return !callReal;
  }

  @Override
  public ToolDescriptor descriptor() {
    return real.descriptor();
  }

  @Override
  public JsonNode call(JsonNode input, ToolContext context) throws Exception {
    JsonNode out;
    if (callReal) {
      if (real.descriptor().sideEffect()) {
        sideEffectCalls.incrementAndGet();
      }
      out = real.call(input, context);
    } else {
      out = Samples.of(real.descriptor().outputSchema());
    }
    context.sleep(duration);
    return out;
  }

  @Override
  public Set<String> resources(JsonNode input) {
    return real.resources(input);
  }

  @Override
  public Optional<String> preview(JsonNode input) {
    return real.preview(input);
  }

  @Override
  public boolean outputTrusted() {
    return !callReal || real.outputTrusted();
  }
}
