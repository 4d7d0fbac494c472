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
  // the HTTP surface (issue 8)
  /** No credentials, or a wrong, unknown or revoked API key (HTTP 401). */
  AUTH_REQUIRED(false),
  /** The key's role does not allow the operation (HTTP 403). */
  AUTH_FORBIDDEN(false),
  /** A request that cannot be read: malformed JSON, unknown or missing fields, bad parameters. */
  REQUEST_INVALID(false),
  /** A request body over the server's limit (HTTP 413). */
  REQUEST_TOO_LARGE(false),
  /** Too many requests for one key; retry after the hint (HTTP 429). */
  RATE_LIMITED(true),
  /** No such route, tenant, key or webhook (HTTP 404). */
  NOT_FOUND(false),
  /** An Idempotency-Key reused with a different request (HTTP 422). */
  IDEMPOTENCY_KEY_REUSED(false),
  /** A webhook target the SSRF guard refuses (loopback, private, link-local, unique-local). */
  WEBHOOK_TARGET_REFUSED(false),
  /** The CLI's --server could not be reached. */
  SERVER_UNREACHABLE(true),
  INTERNAL(false);

  private final boolean retryableByDefault;

  ErrorCode(boolean retryableByDefault) {
    this.retryableByDefault = retryableByDefault;
  }

  public boolean retryableByDefault() {
    return retryableByDefault;
  }
}
