package dev.baton.core.schedule;

import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.plan.StepId;

/** What the scheduler decided; the engine carries it out. */
public sealed interface Command {
  /** Start (or, after a restart, restart) the pipeline of a step. */
  record StartStep(StepId step) implements Command {}

  record SkipStep(StepId step, String reason) implements Command {}

  record ExpireApproval(ApprovalId approval) implements Command {}

  record ExpireQuestion(ApprovalId question) implements Command {}

  /** Move the execution to another status, terminal or not. */
  record ChangeStatus(ExecutionStatus to, String reason) implements Command {}
}
