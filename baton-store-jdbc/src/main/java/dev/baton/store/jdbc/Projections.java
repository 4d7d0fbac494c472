package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.PlanVersion;
import dev.baton.core.exec.StepState;
import dev.baton.core.plan.StepId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the rows that make listings cheap (executions, plan_versions, steps, approvals) from the
 * state before an append and the state after it. Only rows whose value changed are written, so an
 * append to a long plan costs what it changed, not the plan's size. {@code before} is null for a new
 * execution.
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
      + " requested_at, expires_at, decided_at, decided_by)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (id) DO UPDATE SET status = excluded.status,"
      + " edited_arguments = excluded.edited_arguments, comment = excluded.comment,"
      + " escalated = excluded.escalated, decided_at = excluded.decided_at,"
      + " decided_by = excluded.decided_by";

  private Projections() {}

  /**
   * Inserts or updates the executions row; it must be written before the events that refer to it.
   *
   * @throws BatonException STORE_CONFLICT if another writer moved the execution on meanwhile
   */
  static void writeExecution(Connection c, ExecutionState before, ExecutionState after)
      throws SQLException {
    if (before == null) {
      try (PreparedStatement insert = c.prepareStatement(INSERT_EXECUTION)) {
        insert.setString(1, after.id().value());
        insert.setString(2, after.tenant());
        insert.setString(3, after.status().name());
        insert.setString(4, after.request());
        insert.setString(5, Timestamps.text(after.createdAt()));
        insert.setString(6, Timestamps.text(after.updatedAt()));
        setCounts(insert, 7, after);
        insert.executeUpdate();
      }
      return;
    }
    try (PreparedStatement update = c.prepareStatement(UPDATE_EXECUTION)) {
      update.setString(1, after.status().name());
      update.setString(2, Timestamps.text(after.updatedAt()));
      setCounts(update, 3, after);
      update.setString(7, after.id().value());
      update.setLong(8, before.lastSeq());
      if (update.executeUpdate() != 1) {
        throw BatonException.of(ErrorCode.STORE_CONFLICT, "execution " + after.id()
            + " moved past event " + before.lastSeq() + " while this append was written");
      }
    }
  }

  private static void setCounts(PreparedStatement s, int first, ExecutionState state)
      throws SQLException {
    s.setInt(first, state.planVersion());
    s.setInt(first + 1, state.steps().size());
    s.setInt(first + 2, state.finishedSteps());
    s.setLong(first + 3, state.lastSeq());
  }

  /** Writes plan versions, steps and approvals that the append added or changed. */
  static void writeDetails(Connection c, ExecutionState before, ExecutionState after)
      throws SQLException {
    writePlanVersions(c, before, after);
    writeSteps(c, before, after);
    writeApprovals(c, before, after);
  }

  private static void writePlanVersions(Connection c, ExecutionState before, ExecutionState after)
      throws SQLException {
    List<PlanVersion> all = after.versions();
    List<PlanVersion> added = all.subList(before == null ? 0 : before.versions().size(), all.size());
    if (added.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = c.prepareStatement(INSERT_PLAN_VERSION)) {
      for (PlanVersion v : added) {
        insert.setString(1, after.id().value());
        insert.setInt(2, v.version());
        insert.setString(3, StoredJson.write(v.plan()));
        insert.setString(4, v.reason());
        insert.setString(5, Timestamps.text(v.at()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void writeSteps(Connection c, ExecutionState before, ExecutionState after)
      throws SQLException {
    Map<StepId, StepState> old = before == null ? Map.of() : before.steps();
    List<StepState> changed = after.steps().values().stream()
        .filter(s -> !Objects.equals(old.get(s.id()), s)).toList();
    List<StepId> removed = old.keySet().stream()
        .filter(id -> !after.steps().containsKey(id)).toList();
    if (!changed.isEmpty()) {
      try (PreparedStatement upsert = c.prepareStatement(UPSERT_STEP)) {
        for (StepState s : changed) {
          upsert.setString(1, after.id().value());
          upsert.setString(2, s.id().value());
          upsert.setString(3, s.status().name());
          upsert.setInt(4, s.attempts());
          upsert.setString(5, Timestamps.text(s.startedAt()));
          upsert.setString(6, Timestamps.text(s.finishedAt()));
          upsert.setString(7, StoredJson.write(s.error()));
          upsert.addBatch();
        }
        upsert.executeBatch();
      }
    }
    if (!removed.isEmpty()) {
      try (PreparedStatement delete = c.prepareStatement(DELETE_STEP)) {
        for (StepId id : removed) {
          delete.setString(1, after.id().value());
          delete.setString(2, id.value());
          delete.addBatch();
        }
        delete.executeBatch();
      }
    }
  }

  private static void writeApprovals(Connection c, ExecutionState before, ExecutionState after)
      throws SQLException {
    Map<ApprovalId, Approval> old = before == null ? Map.of() : before.approvals();
    List<Approval> changed = after.approvals().values().stream()
        .filter(a -> !Objects.equals(old.get(a.id()), a)).toList();
    if (changed.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = c.prepareStatement(UPSERT_APPROVAL)) {
      for (Approval a : changed) {
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
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }
}
