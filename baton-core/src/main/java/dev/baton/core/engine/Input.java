package dev.baton.core.engine;

import dev.baton.core.error.BatonException;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanProposal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What can reach an execution's round: results of work done, a person's commands, time. */
sealed interface Input {
  /** A tool call ended (or could not begin yet: see {@link AttemptResult}). */
  record AttemptEnded(StepId step, int attempt, AttemptResult result, Object job)
      implements Input {}

  /**
   * A running call asks the person a question ({@code answerSchema}: what the answer must fit);
   * {@code reply} gets the answer, or empty when none will come.
   */
  record Asked(StepId step, Object job, String message, ObjectNode answerSchema,
      CompletableFuture<Optional<JsonNode>> reply) implements Input {}

  /** Events that work in progress wants in the log (stages, attempt starts, logs, model use). */
  record Facts(List<Draft> drafts) implements Input {}

  /** The tool said what approving a side-effecting step will do. */
  record Prepared(StepId step, ObjectNode arguments, String preview) implements Input {}

  /** A person's command; {@code reply} completes once it is committed (or says why not). */
  record Command(Controls.Action action, CompletableFuture<Void> reply) implements Input {}

  /** A planner's answer after {@code failed} failed: a new plan, or null with the reason. */
  record Replanned(StepId failed, PlanProposal proposal, String problem) implements Input {}

  /** The first plan, or why there is none. */
  record Planned(PlanProposal proposal, BatonException error) implements Input {}

  /** Something a waiting step waited for happened (a lock or capacity freed, a delay passed). */
  record Retry(StepId step) implements Input {}

  /** Look again: time passed, or another process appended events. */
  record Wake(boolean otherWriters) implements Input {}

  /** Tell {@code future} the state as soon as {@code condition} holds. */
  record Watch(Predicate<ExecutionState> condition, CompletableFuture<ExecutionState> future)
      implements Input {}
}
