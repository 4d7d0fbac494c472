package dev.baton.core.exec;

import dev.baton.core.plan.StepId;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * A durable request for a person's decision on one side-effecting step. {@code preview} (may be
 * null) says in the tool's words what approving will do, such as the meeting's time.
 */
public record Approval(ApprovalId id, ExecutionId execution, StepId step, String tool,
    ObjectNode arguments, ApprovalStatus status, ObjectNode editedArguments, String decidedBy,
    String comment, Instant requestedAt, Instant decidedAt, Instant expiresAt,
    ExpiryPolicy policy, boolean escalated, String preview) {

  public Approval(ApprovalId id, ExecutionId execution, StepId step, String tool,
      ObjectNode arguments, ApprovalStatus status, ObjectNode editedArguments, String decidedBy,
      String comment, Instant requestedAt, Instant decidedAt, Instant expiresAt,
      ExpiryPolicy policy, boolean escalated) {
    this(id, execution, step, tool, arguments, status, editedArguments, decidedBy, comment,
        requestedAt, decidedAt, expiresAt, policy, escalated, null);
  }

  public boolean pending() {
    return status == ApprovalStatus.PENDING;
  }

  /** The arguments the step runs with once approved: the person's edit, else the original. */
  public ObjectNode effectiveArguments() {
    return editedArguments != null ? editedArguments.deepCopy() : arguments.deepCopy();
  }
}
