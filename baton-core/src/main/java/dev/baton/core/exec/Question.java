package dev.baton.core.exec;

import dev.baton.core.plan.StepId;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A durable clarifying question: a step whose tool a person answers (choose among candidates, or
 * fill a missing value). {@code input} is what to ask, as the plan resolved it; {@code answer}, once
 * given, fits the tool's output schema and becomes the step's output. Its id has the shape of an
 * {@link ApprovalId} ({@code execution.step.n}): one namespace for every human step.
 */
public record Question(ApprovalId id, ExecutionId execution, StepId step, String tool,
    ObjectNode input, QuestionStatus status, JsonNode answer, String answeredBy,
    Instant askedAt, Instant answeredAt, Instant expiresAt, ExpiryPolicy policy,
    boolean escalated) {

  public boolean pending() {
    return status == QuestionStatus.PENDING;
  }

  /** Where a question is: only a person's answer answers it; expiry never does. */
  public enum QuestionStatus {
    PENDING,
    ANSWERED,
    EXPIRED
  }
}
