package dev.baton.core.exec;

import dev.baton.core.plan.StepId;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A durable clarifying question. Either a step whose tool a person answers (choose among
 * candidates, or fill a missing value): {@code input} is what to ask, as the plan resolved it, and
 * the {@code answer}, once given, fits the tool's output schema and becomes the step's output. Or
 * a running call that asks (an MCP server's elicitation): {@code answerSchema} is what the answer
 * must fit, and the answer goes back to the call. Its id has the shape of an {@link ApprovalId}
 * ({@code execution.step.n}): one namespace for every human step.
 */
public record Question(ApprovalId id, ExecutionId execution, StepId step, String tool,
    ObjectNode input, QuestionStatus status, JsonNode answer, String answeredBy,
    Instant askedAt, Instant answeredAt, Instant expiresAt, ExpiryPolicy policy,
    boolean escalated, ObjectNode answerSchema) {

  /** A step whose tool a person answers. */
  public Question(ApprovalId id, ExecutionId execution, StepId step, String tool,
      ObjectNode input, QuestionStatus status, JsonNode answer, String answeredBy,
      Instant askedAt, Instant answeredAt, Instant expiresAt, ExpiryPolicy policy,
      boolean escalated) {
    this(id, execution, step, tool, input, status, answer, answeredBy, askedAt, answeredAt,
        expiresAt, policy, escalated, null);
  }

  public boolean pending() {
    return status == QuestionStatus.PENDING;
  }

  /** Asked by a running call, which waits for the answer (rather than a step answered whole). */
  public boolean fromCall() {
    return answerSchema != null;
  }

  /**
   * Where a question is: only a person's answer answers it; expiry never does. A question from
   * a call is withdrawn when the call ends before anyone answers.
   */
  public enum QuestionStatus {
    PENDING,
    ANSWERED,
    EXPIRED,
    WITHDRAWN
  }
}
