package dev.baton.core.error;

/**
 * Stable code for every kind of failure Baton reports. Callers match on the code, never on message
 * text. The prefix names the area; {@link #retryableByDefault()} says whether a step failing with
 * this code is worth another attempt unless the thrower said otherwise.
 */
public enum ErrorCode {
  PLAN_MALFORMED(false),
  PLAN_INVALID(false),
  PLAN_NOT_UNDERSTOOD(false),
  STEP_TIMEOUT(true),
  STEP_CANCELLED(false),
  STEP_OUTPUT_INVALID(false),
  STEP_INPUT_INVALID(false),
  TOOL_FAILED(false),
  TOOL_UNAVAILABLE(true),
  TOOL_NOT_FOUND(false),
  STORE_CONFLICT(true),
  STORE_UNAVAILABLE(true),
  STORE_CORRUPT(false),
  EXECUTION_NOT_FOUND(false),
  EXECUTION_ILLEGAL_TRANSITION(false),
  APPROVAL_NOT_FOUND(false),
  APPROVAL_ALREADY_DECIDED(false),
  APPROVAL_INVALID_EDIT(false),
  APPROVAL_ARGUMENTS_CHANGED(false),
  MODEL_FAILED(true),
  MODEL_TIMEOUT(true),
  MODEL_RATE_LIMITED(true),
  MODEL_REFUSED(false),
  CONFIG_INVALID(false),
  INTERNAL(false);

  private final boolean retryableByDefault;

  ErrorCode(boolean retryableByDefault) {
    this.retryableByDefault = retryableByDefault;
  }

  public boolean retryableByDefault() {
    return retryableByDefault;
  }
}
