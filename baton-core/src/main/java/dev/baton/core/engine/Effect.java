package dev.baton.core.engine;

import dev.baton.core.error.BatonException;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.Tool;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a round decided to do once its events are committed; the actor carries it out. */
sealed interface Effect {
  /**
   * Call the step's tool (attempt {@code attempt}); {@code digest}, for an approved side effect, is
   * the approved arguments' digest the call must match.
   */
  record Run(StepId step, int attempt, Tool tool, ObjectNode arguments, String digest)
      implements Effect {}

  /** Ask a side-effecting tool what running with these arguments would do, for the approval. */
  record Prepare(StepId step, Tool tool, ObjectNode arguments) implements Effect {}

  /**
   * Hold {@code reply} until {@code question} is answered, expires or is withdrawn; a null
   * {@code question} (the call that asked is gone, or the execution ended): no answer will come.
   */
  record AwaitAnswer(ApprovalId question, StepId step,
      CompletableFuture<Optional<JsonNode>> reply) implements Effect {}

  /** Stop the step's tool call (it was cancelled). */
  record Interrupt(StepId step) implements Effect {}

  /** The step's tool call ran past its timeout: forget it (its end no longer counts) and stop it. */
  record TimedOut(StepId step) implements Effect {}

  /** Answer a person's command: done, or the error that says why not. */
  record Reply(CompletableFuture<Void> reply, BatonException error) implements Effect {}

  /** Ask the planner for a new plan after {@code failed} failed for good. */
  record Replan(StepId failed, ExecutionState snapshot) implements Effect {}

  /** Ask the planner for the first plan of the execution's request. */
  record PlanRequest(String request) implements Effect {}
}
