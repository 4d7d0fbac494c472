package dev.baton.cli;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.text.Visible;

/** Ids a person typed, checked with a short answer when they are not ids at all. */
final class Ids {
  private Ids() {}

  static ExecutionId execution(String raw) {
    try {
      return ExecutionId.of(raw);
    } catch (IllegalArgumentException e) {
      throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "'" + Visible.quote(raw)
          + "' is not an execution id (such as ex-9f2c41d07a)");
    }
  }

  static ApprovalId approval(String raw) {
    try {
      return ApprovalId.of(raw);
    } catch (IllegalArgumentException e) {
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "'" + Visible.quote(raw)
          + "' is not an approval id (such as ex-9f2c41d07a.meeting.1)");
    }
  }
}
