package dev.baton.core.port;

import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionStatus;
import java.time.Instant;

/** One line of a listing of executions. */
public record ExecutionSummary(ExecutionId id, String tenant, ExecutionStatus status,
    String request, Instant createdAt, Instant updatedAt, int planVersion, int stepsTotal,
    int stepsFinished, long lastSeq) {}
