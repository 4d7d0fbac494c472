package dev.baton.core.tool;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.util.Objects;

/**
 * What a tool call gets beside its input. {@code idempotencyKey} is the same for every attempt of
 * one step of one execution, across restarts: a side effect keyed by it happens once.
 * Cancellation arrives as a thread interrupt; long loops may also poll {@link #checkCancelled()}.
 * A tool that calls a language model reports the calls to {@code usage}.
 */
public record ToolContext(String executionId, String stepId, int attempt, String idempotencyKey,
    String tenant, StepLogger log, UsageMeter usage, Sleeper sleeper, Asker asker) {
  public ToolContext {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(tenant, "tenant");
    log = log == null ? StepLogger.NONE : log;
    usage = usage == null ? UsageMeter.NONE : usage;
    sleeper = sleeper == null ? Sleeper.UNAVAILABLE : sleeper;
    asker = asker == null ? Asker.NOBODY : asker;
  }

  /** A context where no person can be asked anything (see {@link Asker#NOBODY}). */
  public ToolContext(String executionId, String stepId, int attempt, String idempotencyKey,
      String tenant, StepLogger log, UsageMeter usage, Sleeper sleeper) {
    this(executionId, stepId, attempt, idempotencyKey, tenant, log, usage, sleeper, null);
  }

  /** A context whose waits go nowhere (see {@link Sleeper#UNAVAILABLE}). */
  public ToolContext(String executionId, String stepId, int attempt, String idempotencyKey,
      String tenant, StepLogger log, UsageMeter usage) {
    this(executionId, stepId, attempt, idempotencyKey, tenant, log, usage, null);
  }

  /** A context whose model use is not metered. */
  public ToolContext(String executionId, String stepId, int attempt, String idempotencyKey,
      String tenant, StepLogger log) {
    this(executionId, stepId, attempt, idempotencyKey, tenant, log, UsageMeter.NONE);
  }

  /**
   * Waits through the engine's clock: use it instead of {@code Thread.sleep}, so the wait is
   * virtual in tests and the simulator.
   *
   * @throws InterruptedException when the step is cancelled while waiting
   */
  public void sleep(java.time.Duration duration) throws InterruptedException {
    sleeper.sleep(duration);
  }

  /**
   * Asks the person behind the execution while the call runs, and waits for the answer (see
   * {@link Asker}).
   *
   * @throws InterruptedException when the step is cancelled while it waits
   */
  public java.util.Optional<tools.jackson.databind.JsonNode> ask(String message,
      tools.jackson.databind.node.ObjectNode answerSchema) throws InterruptedException {
    return asker.ask(message, answerSchema);
  }

  public boolean cancelled() {
    return Thread.currentThread().isInterrupted();
  }

  /** @throws BatonException STEP_CANCELLED if the step has been cancelled */
  public void checkCancelled() {
    if (cancelled()) {
      throw BatonException.of(ErrorCode.STEP_CANCELLED, "step " + stepId + " was cancelled");
    }
  }
}
