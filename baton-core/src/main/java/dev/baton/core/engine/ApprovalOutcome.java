package dev.baton.core.engine;

import tools.jackson.databind.node.ObjectNode;

/** What the approval gate learned: go ahead with these arguments, or do not run (and why). */
record ApprovalOutcome(boolean approved, ObjectNode arguments, String reason) {
  static ApprovalOutcome approved(ObjectNode arguments) {
    return new ApprovalOutcome(true, arguments, null);
  }

  static ApprovalOutcome refused(String reason) {
    return new ApprovalOutcome(false, null, reason);
  }
}
