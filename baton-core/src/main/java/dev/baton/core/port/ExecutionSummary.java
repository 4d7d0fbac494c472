package dev.baton.core.port;

import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import java.time.Instant;

/** One line of a listing of executions. */
public record ExecutionSummary(ExecutionId id, String tenant, ExecutionStatus status,
    String request, Instant createdAt, Instant updatedAt, int planVersion, int stepsTotal,
    int stepsFinished, long lastSeq) {

  /** The summary of a folded state. */
  public static ExecutionSummary of(ExecutionState s) {
    return new ExecutionSummary(s.id(), s.tenant(), s.status(), s.request(), s.createdAt(),
        s.updatedAt(), s.planVersion(), s.steps().size(), s.finishedSteps(), s.lastSeq());
  }
}
