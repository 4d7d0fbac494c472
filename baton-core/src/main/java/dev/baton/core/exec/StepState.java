package dev.baton.core.exec;

import dev.baton.core.plan.StepId;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What is known of one step: status, attempts so far, its output once succeeded, the last error,
 * why it was skipped, when it started and finished, and (between attempts) when the next attempt
 * is due ({@code retryAt}, null when none waits).
 */
public record StepState(StepId id, StepStatus status, int attempts, JsonNode output,
    ErrorInfo error, String note, Instant startedAt, Instant finishedAt, boolean cached,
    Instant retryAt) {

  public StepState(StepId id, StepStatus status, int attempts, JsonNode output, ErrorInfo error,
      String note, Instant startedAt, Instant finishedAt, boolean cached) {
    this(id, status, attempts, output, error, note, startedAt, finishedAt, cached, null);
  }

  static StepState pending(StepId id) {
    return new StepState(id, StepStatus.PENDING, 0, null, null, null, null, null, false, null);
  }

  StepState with(StepStatus s) {
    return new StepState(id, s, attempts, output, error, note, startedAt, finishedAt, cached,
        retryAt);
  }

  /** Wall time from start to finish, or zero when either end is unknown. */
  public Duration duration() {
    return startedAt == null || finishedAt == null ? Duration.ZERO
        : Duration.between(startedAt, finishedAt);
  }
}
