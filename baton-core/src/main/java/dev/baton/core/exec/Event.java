package dev.baton.core.exec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.StepId;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change to an execution, appended to its log with a sequence number that rises by one. The log
 * is the source of truth: {@link ExecutionState} is the fold of it, and every view of progress reads
 * it. A {@code switch} over events without {@code default} stops compiling when a kind is added.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(Event.ExecutionCreated.class),
    @JsonSubTypes.Type(Event.PlanVersionCreated.class),
    @JsonSubTypes.Type(Event.PlanApprovalRequested.class),
    @JsonSubTypes.Type(Event.PlanApprovalDecided.class),
    @JsonSubTypes.Type(Event.StatusChanged.class),
    @JsonSubTypes.Type(Event.StepStarted.class),
    @JsonSubTypes.Type(Event.StepStage.class),
    @JsonSubTypes.Type(Event.AttemptStarted.class),
    @JsonSubTypes.Type(Event.AttemptFailed.class),
    @JsonSubTypes.Type(Event.StepSucceeded.class),
    @JsonSubTypes.Type(Event.StepFailed.class),
    @JsonSubTypes.Type(Event.StepSkipped.class),
    @JsonSubTypes.Type(Event.StepCancelled.class),
    @JsonSubTypes.Type(Event.StepLogged.class),
    @JsonSubTypes.Type(Event.ApprovalRequested.class),
    @JsonSubTypes.Type(Event.ApprovalDecided.class),
    @JsonSubTypes.Type(Event.ApprovalExpired.class),
    @JsonSubTypes.Type(Event.QuestionAsked.class),
    @JsonSubTypes.Type(Event.QuestionAnswered.class),
    @JsonSubTypes.Type(Event.QuestionExpired.class),
    @JsonSubTypes.Type(Event.QuestionWithdrawn.class),
    @JsonSubTypes.Type(Event.PlanningFailed.class),
    @JsonSubTypes.Type(Event.ModelUsed.class)
})
public sealed interface Event {
  ExecutionId execution();

  long seq();

  Instant at();

  /** The same event with another sequence number (used when an append is retried). */
  Event withSeq(long seq);

  /**
   * The first event of every execution; its plan is version 1, or null while a planner is still
   * making it from {@code request} (version 1 then arrives as a {@link PlanVersionCreated}).
   */
  record ExecutionCreated(ExecutionId execution, long seq, Instant at, String tenant,
      String request, Plan plan, ExecutionOptions options) implements Event {
    public Event withSeq(long s) {
      return new ExecutionCreated(execution, s, at, tenant, request, plan, options);
    }
  }

  /** A new plan version: an edit before approval, or a replan. Finished steps keep their results. */
  record PlanVersionCreated(ExecutionId execution, long seq, Instant at, int version, Plan plan,
      String reason) implements Event {
    public Event withSeq(long s) {
      return new PlanVersionCreated(execution, s, at, version, plan, reason);
    }
  }

  record PlanApprovalRequested(ExecutionId execution, long seq, Instant at, int version)
      implements Event {
    public Event withSeq(long s) {
      return new PlanApprovalRequested(execution, s, at, version);
    }
  }

  record PlanApprovalDecided(ExecutionId execution, long seq, Instant at, boolean approved,
      String by, String comment) implements Event {
    public Event withSeq(long s) {
      return new PlanApprovalDecided(execution, s, at, approved, by, comment);
    }
  }

  record StatusChanged(ExecutionId execution, long seq, Instant at, ExecutionStatus from,
      ExecutionStatus to, String reason) implements Event {
    public Event withSeq(long s) {
      return new StatusChanged(execution, s, at, from, to, reason);
    }
  }

  record StepStarted(ExecutionId execution, long seq, Instant at, StepId step) implements Event {
    public Event withSeq(long s) {
      return new StepStarted(execution, s, at, step);
    }
  }

  /** A pipeline stage passed: cache hit or miss, rate-limit wait, lock taken or released, … */
  record StepStage(ExecutionId execution, long seq, Instant at, StepId step, Stage stage,
      String detail) implements Event {
    public Event withSeq(long s) {
      return new StepStage(execution, s, at, step, stage, detail);
    }
  }

  record AttemptStarted(ExecutionId execution, long seq, Instant at, StepId step, int attempt,
      ObjectNode input) implements Event {
    public Event withSeq(long s) {
      return new AttemptStarted(execution, s, at, step, attempt, input);
    }
  }

  /** An attempt failed; {@code retryIn} is null when no retry follows. */
  record AttemptFailed(ExecutionId execution, long seq, Instant at, StepId step, int attempt,
      ErrorInfo error, Duration retryIn) implements Event {
    public Event withSeq(long s) {
      return new AttemptFailed(execution, s, at, step, attempt, error, retryIn);
    }
  }

  record StepSucceeded(ExecutionId execution, long seq, Instant at, StepId step, JsonNode output,
      int attempts, Duration took, boolean cached) implements Event {
    public Event withSeq(long s) {
      return new StepSucceeded(execution, s, at, step, output, attempts, took, cached);
    }
  }

  record StepFailed(ExecutionId execution, long seq, Instant at, StepId step, ErrorInfo error,
      int attempts) implements Event {
    public Event withSeq(long s) {
      return new StepFailed(execution, s, at, step, error, attempts);
    }
  }

  record StepSkipped(ExecutionId execution, long seq, Instant at, StepId step, String reason)
      implements Event {
    public Event withSeq(long s) {
      return new StepSkipped(execution, s, at, step, reason);
    }
  }

  record StepCancelled(ExecutionId execution, long seq, Instant at, StepId step)
      implements Event {
    public Event withSeq(long s) {
      return new StepCancelled(execution, s, at, step);
    }
  }

  record StepLogged(ExecutionId execution, long seq, Instant at, StepId step, String level,
      String message) implements Event {
    public Event withSeq(long s) {
      return new StepLogged(execution, s, at, step, level, message);
    }
  }

  /**
   * A side-effecting step waits for a person; {@code expiresAt} is null for no timeout;
   * {@code preview} (may be null) is the tool's own words for what approving will do;
   * {@code digest} is the {@link ArgumentDigest} of {@code arguments}.
   */
  record ApprovalRequested(ExecutionId execution, long seq, Instant at, ApprovalId approval,
      StepId step, String tool, ObjectNode arguments, Instant expiresAt, ExpiryPolicy policy,
      String preview, String digest) implements Event {
    public ApprovalRequested {
      digest = digest == null && arguments != null ? ArgumentDigest.of(arguments) : digest;
    }

    public ApprovalRequested(ExecutionId execution, long seq, Instant at, ApprovalId approval,
        StepId step, String tool, ObjectNode arguments, Instant expiresAt, ExpiryPolicy policy,
        String preview) {
      this(execution, seq, at, approval, step, tool, arguments, expiresAt, policy, preview, null);
    }

    public ApprovalRequested(ExecutionId execution, long seq, Instant at, ApprovalId approval,
        StepId step, String tool, ObjectNode arguments, Instant expiresAt, ExpiryPolicy policy) {
      this(execution, seq, at, approval, step, tool, arguments, expiresAt, policy, null, null);
    }

    public Event withSeq(long s) {
      return new ApprovalRequested(execution, s, at, approval, step, tool, arguments, expiresAt,
          policy, preview, digest);
    }
  }

  /** A person's answer; {@code editedArguments} (approved only) replace the step's arguments. */
  record ApprovalDecided(ExecutionId execution, long seq, Instant at, ApprovalId approval,
      StepId step, boolean approved, ObjectNode editedArguments, String by, String comment)
      implements Event {
    public Event withSeq(long s) {
      return new ApprovalDecided(execution, s, at, approval, step, approved, editedArguments, by,
          comment);
    }
  }

  /** The timeout passed: the policy says whether the step was rejected or the approval escalated. */
  record ApprovalExpired(ExecutionId execution, long seq, Instant at, ApprovalId approval,
      StepId step, ExpiryPolicy policy) implements Event {
    public Event withSeq(long s) {
      return new ApprovalExpired(execution, s, at, approval, step, policy);
    }
  }

  /**
   * A question to a person ({@code input}: what to ask, resolved); {@code expiresAt} is null for
   * no timeout. Either a step whose tool a person answers (the answer is its output, and fits the
   * tool's output schema), or a running call that asks ({@code answerSchema} not null: the
   * answer goes back to the call and fits that schema).
   */
  record QuestionAsked(ExecutionId execution, long seq, Instant at, ApprovalId question,
      StepId step, String tool, ObjectNode input, Instant expiresAt, ExpiryPolicy policy,
      ObjectNode answerSchema) implements Event {
    /** A step whose tool a person answers. */
    public QuestionAsked(ExecutionId execution, long seq, Instant at, ApprovalId question,
        StepId step, String tool, ObjectNode input, Instant expiresAt, ExpiryPolicy policy) {
      this(execution, seq, at, question, step, tool, input, expiresAt, policy, null);
    }

    public Event withSeq(long s) {
      return new QuestionAsked(execution, s, at, question, step, tool, input, expiresAt, policy,
          answerSchema);
    }
  }

  /**
   * A question asked by a call that ended (or was cut off by a restart) before anyone answered:
   * no answer is wanted any more.
   */
  record QuestionWithdrawn(ExecutionId execution, long seq, Instant at, ApprovalId question,
      StepId step, String reason) implements Event {
    public Event withSeq(long s) {
      return new QuestionWithdrawn(execution, s, at, question, step, reason);
    }
  }

  /** A person's answer, checked against the tool's output schema: it is the step's output. */
  record QuestionAnswered(ExecutionId execution, long seq, Instant at, ApprovalId question,
      StepId step, JsonNode answer, String by) implements Event {
    public Event withSeq(long s) {
      return new QuestionAnswered(execution, s, at, question, step, answer, by);
    }
  }

  /** The question's timeout passed: skipped (REJECT) or escalated and still waiting. */
  record QuestionExpired(ExecutionId execution, long seq, Instant at, ApprovalId question,
      StepId step, ExpiryPolicy policy) implements Event {
    public Event withSeq(long s) {
      return new QuestionExpired(execution, s, at, question, step, policy);
    }
  }

  /** The planner could not make a plan from the request; the execution then fails. */
  record PlanningFailed(ExecutionId execution, long seq, Instant at, ErrorInfo error)
      implements Event {
    public Event withSeq(long s) {
      return new PlanningFailed(execution, s, at, error);
    }
  }

  /**
   * A language model was used for this execution ({@code purpose}: "planning", "repair",
   * "replanning", or a step id), with its calls and tokens, so each execution shows its cost.
   */
  record ModelUsed(ExecutionId execution, long seq, Instant at, String purpose, String model,
      int calls, long inputTokens, long outputTokens, Duration took) implements Event {
    public Event withSeq(long s) {
      return new ModelUsed(execution, s, at, purpose, model, calls, inputTokens, outputTokens,
          took);
    }
  }

  /** The stages of the step pipeline that are worth a line in the log. */
  enum Stage {
    CACHE_HIT,
    CACHE_MISS,
    CACHE_STORED,
    RATE_LIMITED,
    LOCK_WAITING,
    LOCK_ACQUIRED,
    LOCK_RELEASED,
    CAPACITY_WAITING,
    APPROVED,
    RESUMED_AFTER_RESTART
  }
}
