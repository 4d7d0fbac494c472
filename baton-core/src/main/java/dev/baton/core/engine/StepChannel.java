package dev.baton.core.engine;

import dev.baton.core.plan.StepId;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.node.ObjectNode;

/** How a step's thread talks back to the runner that owns the execution. */
interface StepChannel {
  /** Queues an event for the next commit; never blocks. */
  void emit(Draft draft);

  /**
   * Asks for (or finds) the approval of a step whose resolved arguments are {@code arguments};
   * the future completes when a person decides or the approval expires.
   */
  CompletableFuture<ApprovalOutcome> awaitApproval(StepId step, String tool, ObjectNode arguments,
      String preview);
}
