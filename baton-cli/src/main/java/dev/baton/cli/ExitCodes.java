package dev.baton.cli;

import dev.baton.core.error.BatonException;
import dev.baton.core.exec.ExecutionStatus;

/** Exit codes, decided in one place. */
final class ExitCodes {
  static final int OK = 0;
  static final int EXECUTION_FAILED = 1;
  static final int BAD_INPUT = 2;
  static final int NOT_FOUND = 3;
  static final int CONFLICT = 4;
  static final int UNAVAILABLE = 5;
  /** The execution waits for a person (an approval, or the plan) and this command left it so. */
  static final int WAITING = 6;
  /** The server named by --server or BATON_SERVER could not be reached. */
  static final int SERVER_UNREACHABLE = 7;

  private ExitCodes() {}

  static int of(ExecutionStatus status) {
    return status == ExecutionStatus.SUCCEEDED ? OK : EXECUTION_FAILED;
  }

  static int of(BatonException e) {
    return switch (e.code()) {
      case PLAN_MALFORMED, PLAN_INVALID, PLAN_NOT_UNDERSTOOD, APPROVAL_INVALID_EDIT, CONFIG_INVALID,
          STEP_INPUT_INVALID -> BAD_INPUT;
      case EXECUTION_NOT_FOUND, APPROVAL_NOT_FOUND, TOOL_NOT_FOUND -> NOT_FOUND;
      case EXECUTION_ILLEGAL_TRANSITION, APPROVAL_ALREADY_DECIDED, STORE_CONFLICT -> CONFLICT;
      case STORE_UNAVAILABLE, STORE_CORRUPT -> UNAVAILABLE;
      case SERVER_UNREACHABLE -> SERVER_UNREACHABLE;
      case AUTH_REQUIRED, AUTH_FORBIDDEN, REQUEST_INVALID, REQUEST_TOO_LARGE,
          IDEMPOTENCY_KEY_REUSED -> BAD_INPUT;
      case NOT_FOUND -> NOT_FOUND;
      default -> EXECUTION_FAILED;
    };
  }
}
