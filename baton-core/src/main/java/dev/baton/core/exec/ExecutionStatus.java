package dev.baton.core.exec;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Where an execution is in its life; the allowed moves are in one table below. */
public enum ExecutionStatus {
  QUEUED,
  PLANNING,
  AWAITING_PLAN_APPROVAL,
  RUNNING,
  PAUSED,
  WAITING_FOR_APPROVAL,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  private static final Map<ExecutionStatus, Set<ExecutionStatus>> MOVES = Map.of(
      QUEUED, EnumSet.of(PLANNING, AWAITING_PLAN_APPROVAL, RUNNING, PAUSED, CANCELLED, FAILED),
      PLANNING, EnumSet.of(AWAITING_PLAN_APPROVAL, RUNNING, CANCELLED, FAILED),
      AWAITING_PLAN_APPROVAL, EnumSet.of(RUNNING, PAUSED, CANCELLED),
      RUNNING, EnumSet.of(PAUSED, WAITING_FOR_APPROVAL, SUCCEEDED, FAILED, CANCELLED),
      PAUSED, EnumSet.of(RUNNING, AWAITING_PLAN_APPROVAL, WAITING_FOR_APPROVAL, SUCCEEDED, FAILED,
          CANCELLED),
      WAITING_FOR_APPROVAL, EnumSet.of(RUNNING, PAUSED, SUCCEEDED, FAILED, CANCELLED),
      SUCCEEDED, EnumSet.noneOf(ExecutionStatus.class),
      FAILED, EnumSet.noneOf(ExecutionStatus.class),
      CANCELLED, EnumSet.noneOf(ExecutionStatus.class));

  /** Waiting for a person only: nothing runs, nothing is due but a human answer or a timeout. */
  public boolean waitingForPerson() {
    return this == AWAITING_PLAN_APPROVAL || this == WAITING_FOR_APPROVAL || this == PAUSED;
  }

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  public boolean canMoveTo(ExecutionStatus next) {
    return MOVES.get(this).contains(next);
  }

  /** @throws BatonException EXECUTION_ILLEGAL_TRANSITION naming both states */
  public void checkMove(ExecutionStatus next, String action) {
    if (!canMoveTo(next)) {
      throw BatonException.builder(ErrorCode.EXECUTION_ILLEGAL_TRANSITION,
          "cannot " + action + " an execution that is " + name().toLowerCase().replace('_', ' '))
          .details(Map.of("from", name(), "to", next.name())).build();
    }
  }
}
