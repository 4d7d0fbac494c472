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
    String tenant, StepLogger log, UsageMeter usage) {
  public ToolContext {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(tenant, "tenant");
    log = log == null ? StepLogger.NONE : log;
    usage = usage == null ? UsageMeter.NONE : usage;
  }

  /** A context whose model use is not metered. */
  public ToolContext(String executionId, String stepId, int attempt, String idempotencyKey,
      String tenant, StepLogger log) {
    this(executionId, stepId, attempt, idempotencyKey, tenant, log, UsageMeter.NONE);
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
