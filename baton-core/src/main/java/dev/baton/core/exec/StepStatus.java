package dev.baton.core.exec;

/** Where one step is. Terminal states never change again within a plan version. */
public enum StepStatus {
  PENDING,
  RUNNING,
  WAITING_FOR_APPROVAL,
  SUCCEEDED,
  FAILED,
  SKIPPED,
  CANCELLED;

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == SKIPPED || this == CANCELLED;
  }

  public boolean inFlight() {
    return this == RUNNING || this == WAITING_FOR_APPROVAL;
  }
}
