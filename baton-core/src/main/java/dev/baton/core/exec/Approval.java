package dev.baton.core.exec;

import dev.baton.core.plan.StepId;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** A durable request for a person's decision on one side-effecting step. */
public record Approval(ApprovalId id, ExecutionId execution, StepId step, String tool,
    ObjectNode arguments, ApprovalStatus status, ObjectNode editedArguments, String decidedBy,
    String comment, Instant requestedAt, Instant decidedAt, Instant expiresAt,
    ExpiryPolicy policy, boolean escalated) {

  public boolean pending() {
    return status == ApprovalStatus.PENDING;
  }

  /** The arguments the step runs with once approved: the person's edit, else the original. */
  public ObjectNode effectiveArguments() {
    return editedArguments != null ? editedArguments.deepCopy() : arguments.deepCopy();
  }
}
