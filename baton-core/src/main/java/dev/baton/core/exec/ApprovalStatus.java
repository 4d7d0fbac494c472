package dev.baton.core.exec;

/** An approval's state. Only a person's decision approves; expiry never does. */
public enum ApprovalStatus {
  PENDING,
  APPROVED,
  REJECTED,
  EXPIRED
}
