package dev.baton.core.engine;

import dev.baton.core.error.BatonException;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** How one try of a step's tool call ended, or why it could not begin yet. */
sealed interface AttemptResult {
  record Succeeded(JsonNode output, Duration took, boolean cached) implements AttemptResult {}

  record Failed(BatonException error) implements AttemptResult {}

  /** Interrupted (cancelled, or the engine is stopping): nothing to record. */
  record Interrupted() implements AttemptResult {}

  /** Over its rate limit: try again at {@code until} (not a new attempt). */
  record Deferred(Instant until) implements AttemptResult {}

  /** A lock or capacity it needs is taken: it is told when to try again (not a new attempt). */
  record Blocked() implements AttemptResult {}
}
