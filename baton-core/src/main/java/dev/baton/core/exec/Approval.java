package dev.baton.core.exec;

import dev.baton.core.plan.StepId;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * A durable request for a person's decision on one side-effecting step. {@code preview} (may be
 * null) says in the tool's words what approving will do, such as the meeting's time.
 * {@code digest} binds the approval to exactly the arguments shown ({@link ArgumentDigest}); once
 * approved, {@link #effectiveDigest()} is the digest the step's call must match.
 */
public record Approval(ApprovalId id, ExecutionId execution, StepId step, String tool,
    ObjectNode arguments, ApprovalStatus status, ObjectNode editedArguments, String decidedBy,
    String comment, Instant requestedAt, Instant decidedAt, Instant expiresAt,
    ExpiryPolicy policy, boolean escalated, String preview, String digest) {

  public Approval(ApprovalId id, ExecutionId execution, StepId step, String tool,
      ObjectNode arguments, ApprovalStatus status, ObjectNode editedArguments, String decidedBy,
      String comment, Instant requestedAt, Instant decidedAt, Instant expiresAt,
      ExpiryPolicy policy, boolean escalated, String preview) {
    this(id, execution, step, tool, arguments, status, editedArguments, decidedBy, comment,
        requestedAt, decidedAt, expiresAt, policy, escalated, preview,
        arguments == null ? null : ArgumentDigest.of(arguments));
  }

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

  /** The digest of {@link #effectiveArguments()}: what the side effect must run with. */
  public String effectiveDigest() {
    return editedArguments != null ? ArgumentDigest.of(editedArguments) : digest;
  }
}
