package dev.baton.core.engine;

import dev.baton.core.exec.ErrorInfo;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** How one run of a step's pipeline ended. */
sealed interface StepOutcome {
  record Succeeded(JsonNode output, int attempts, Duration took, boolean cached)
      implements StepOutcome {}

  record Failed(ErrorInfo error, int attempts) implements StepOutcome {}

  /** The person rejected the step, or its approval expired under the reject policy. */
  record Skipped(String reason) implements StepOutcome {}

  record Cancelled() implements StepOutcome {}
}
