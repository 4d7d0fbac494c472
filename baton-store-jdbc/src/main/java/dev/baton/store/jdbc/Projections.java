package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.PlanVersion;
import dev.baton.core.exec.StepState;
import dev.baton.core.plan.StepId;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes the rows that make listings cheap (executions, plan_versions, steps, approvals) that one
 * append's {@link Fold} changed, and no others: an append to a long plan costs what it changed,
 * not the plan's size. Each kind of row is written with one statement (batched when there are
 * several rows).
 */
final class Projections {
  private static final String INSERT_EXECUTION = "INSERT INTO executions (id, tenant, status,"
      + " request, created_at, updated_at, plan_version, steps_total, steps_finished, last_seq)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  // why: "AND last_seq = ?" makes the slower of two racing writers update nothing
  private static final String UPDATE_EXECUTION = "UPDATE executions SET status = ?,"
      + " updated_at = ?, plan_version = ?, steps_total = ?, steps_finished = ?, last_seq = ?"
      + " WHERE id = ? AND last_seq = ?";
  private static final String INSERT_PLAN_VERSION = "INSERT INTO plan_versions"
      + " (execution_id, version, plan, reason, created_at) VALUES (?, ?, ?, ?, ?)";
  private static final String UPSERT_STEP = "INSERT INTO steps (execution_id, step_id, status,"
      + " attempts, started_at, finished_at, error) VALUES (?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (execution_id, step_id) DO UPDATE SET status = excluded.status,"
      + " attempts = excluded.attempts, started_at = excluded.started_at,"
      + " finished_at = excluded.finished_at, error = excluded.error";
  private static final String DELETE_STEP =
      "DELETE FROM steps WHERE execution_id = ? AND step_id = ?";
  private static final String UPSERT_APPROVAL = "INSERT INTO approvals (id, execution_id,"
      + " step_id, tool, status, arguments, edited_arguments, comment, policy, escalated,"
      + " requested_at, expires_at, decided_at, decided_by, preview)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (id) DO UPDATE SET status = excluded.status,"
      + " edited_arguments = excluded.edited_arguments, comment = excluded.comment,"
      + " escalated = excluded.escalated, decided_at = excluded.decided_at,"
      + " decided_by = excluded.decided_by";

  private Projections() {}

  /**
   * Inserts the executions row of a new execution, or updates it if the database is still at
   * event {@code previousSeq}; it must be written before the events that refer to it.
   *
   * @throws BatonException STORE_CONFLICT if another writer moved the execution on (or, for a new
   *     one, created it) first
   */
  static void writeExecution(Statements s, Fold fold, long previousSeq) throws SQLException {
    ExecutionState after = fold.state;
    if (fold.created) {
      PreparedStatement insert = s.get(INSERT_EXECUTION);
      insert.setString(1, after.id().value());
      insert.setString(2, after.tenant());
      insert.setString(3, after.status().name());
      insert.setString(4, after.request());
      insert.setString(5, Timestamps.text(after.createdAt()));
      insert.setString(6, Timestamps.text(after.updatedAt()));
      setCounts(insert, 7, fold);
      insert.executeUpdate();
      return;
    }
    PreparedStatement update = s.get(UPDATE_EXECUTION);
    update.setString(1, after.status().name());
    update.setString(2, Timestamps.text(after.updatedAt()));
    setCounts(update, 3, fold);
    update.setString(7, after.id().value());
    update.setLong(8, previousSeq);
    if (update.executeUpdate() != 1) {
      long last = EventLog.lastSeq(s, after.id());
      throw BatonException.of(ErrorCode.STORE_CONFLICT, "execution " + after.id() + " is at event "
          + last + ", not " + previousSeq);
    }
  }

  private static void setCounts(PreparedStatement s, int first, Fold fold) throws SQLException {
    s.setInt(first, fold.state.planVersion());
    s.setInt(first + 1, fold.state.steps().size());
    s.setInt(first + 2, fold.finishedSteps);
    s.setLong(first + 3, fold.state.lastSeq());
  }

  /** Writes the plan versions, steps and approvals that the append added, changed or removed. */
  static void writeDetails(Statements s, Fold fold) throws SQLException {
    String execution = fold.state.id().value();
    if (!fold.newVersions.isEmpty()) {
      PreparedStatement insert = s.get(INSERT_PLAN_VERSION);
      for (PlanVersion v : fold.newVersions) {
        insert.setString(1, execution);
        insert.setInt(2, v.version());
        insert.setString(3, StoredJson.write(v.plan()));
        insert.setString(4, v.reason());
        insert.setString(5, Timestamps.text(v.at()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    if (!fold.changedSteps.isEmpty()) {
      PreparedStatement upsert = s.get(UPSERT_STEP);
      for (StepState step : fold.changedSteps) {
        upsert.setString(1, execution);
        upsert.setString(2, step.id().value());
        upsert.setString(3, step.status().name());
        upsert.setInt(4, step.attempts());
        upsert.setString(5, Timestamps.text(step.startedAt()));
        upsert.setString(6, Timestamps.text(step.finishedAt()));
        upsert.setString(7, StoredJson.write(step.error()));
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
    if (!fold.removedSteps.isEmpty()) {
      PreparedStatement delete = s.get(DELETE_STEP);
      for (StepId id : fold.removedSteps) {
        delete.setString(1, execution);
        delete.setString(2, id.value());
        delete.addBatch();
      }
      delete.executeBatch();
    }
    if (!fold.changedApprovals.isEmpty()) {
      PreparedStatement upsert = s.get(UPSERT_APPROVAL);
      for (Approval a : fold.changedApprovals) {
        upsert.setString(1, a.id().value());
        upsert.setString(2, a.execution().value());
        upsert.setString(3, a.step().value());
        upsert.setString(4, a.tool());
        upsert.setString(5, a.status().name());
        upsert.setString(6, StoredJson.write(a.arguments()));
        upsert.setString(7, StoredJson.write(a.editedArguments()));
        upsert.setString(8, a.comment());
        upsert.setString(9, a.policy() == null ? null : a.policy().name());
        upsert.setInt(10, a.escalated() ? 1 : 0);
        upsert.setString(11, Timestamps.text(a.requestedAt()));
        upsert.setString(12, Timestamps.text(a.expiresAt()));
        upsert.setString(13, Timestamps.text(a.decidedAt()));
        upsert.setString(14, a.decidedBy());
        upsert.setString(15, a.preview());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }
}
