package dev.baton.store.jdbc;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ApprovalStatus;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.plan.StepId;
import dev.baton.core.port.ExecutionSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the projections back: summaries, listings and pending approvals, in the orders the
 * {@code ExecutionStore} port promises. Ties in time are broken by id so pages are stable.
 */
final class Listings {
  private static final String SUMMARY_COLUMNS = "SELECT id, tenant, status, request, created_at,"
      + " updated_at, plan_version, steps_total, steps_finished, last_seq FROM executions";
  private static final String SUMMARY = SUMMARY_COLUMNS + " WHERE id = ?";
  private static final String LIST_ALL =
      SUMMARY_COLUMNS + " ORDER BY created_at DESC, id DESC LIMIT ?";
  private static final String LIST_TENANT =
      SUMMARY_COLUMNS + " WHERE tenant = ? ORDER BY created_at DESC, id DESC LIMIT ?";
  private static final String UNFINISHED = "SELECT id FROM executions"
      + " WHERE status NOT IN (?, ?, ?) ORDER BY created_at, id";
  private static final String PENDING_COLUMNS = "SELECT a.id, a.execution_id, a.step_id, a.tool,"
      + " a.status, a.arguments, a.edited_arguments, a.decided_by, a.comment, a.requested_at,"
      + " a.decided_at, a.expires_at, a.policy, a.escalated, a.preview"
      + " FROM approvals a JOIN executions e ON e.id = a.execution_id WHERE a.status = ?";
  private static final String PENDING_ORDER = " ORDER BY a.requested_at, a.execution_id, a.id";
  private static final String PENDING_ALL = PENDING_COLUMNS + PENDING_ORDER;
  private static final String PENDING_TENANT =
      PENDING_COLUMNS + " AND e.tenant = ?" + PENDING_ORDER;

  private Listings() {}

  static Optional<ExecutionSummary> summary(Connection c, ExecutionId id) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(SUMMARY)) {
      select.setString(1, id.value());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(summary(rows)) : Optional.empty();
      }
    }
  }

  /** Newest first, at most {@code limit}; {@code tenant} null means every tenant. */
  static List<ExecutionSummary> list(Connection c, String tenant, int limit) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(tenant == null ? LIST_ALL : LIST_TENANT)) {
      int next = 1;
      if (tenant != null) {
        select.setString(next++, tenant);
      }
      select.setInt(next, limit);
      List<ExecutionSummary> summaries = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          summaries.add(summary(rows));
        }
      }
      return summaries;
    }
  }

  static List<ExecutionId> unfinished(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(UNFINISHED)) {
      int next = 1;
      for (ExecutionStatus s : ExecutionStatus.values()) {
        if (s.terminal()) {
          select.setString(next++, s.name());
        }
      }
      List<ExecutionId> ids = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(ExecutionId.of(rows.getString(1)));
        }
      }
      return ids;
    }
  }

  /** Pending approvals, oldest first; {@code tenant} null means every tenant. */
  static List<Approval> pendingApprovals(Connection c, String tenant) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(tenant == null ? PENDING_ALL : PENDING_TENANT)) {
      select.setString(1, ApprovalStatus.PENDING.name());
      if (tenant != null) {
        select.setString(2, tenant);
      }
      List<Approval> approvals = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          approvals.add(approval(rows));
        }
      }
      return approvals;
    }
  }

  private static ExecutionSummary summary(ResultSet row) throws SQLException {
    return new ExecutionSummary(ExecutionId.of(row.getString("id")), row.getString("tenant"),
        ExecutionStatus.valueOf(row.getString("status")), row.getString("request"),
        Timestamps.instant(row.getString("created_at")),
        Timestamps.instant(row.getString("updated_at")), row.getInt("plan_version"),
        row.getInt("steps_total"), row.getInt("steps_finished"), row.getLong("last_seq"));
  }

  private static Approval approval(ResultSet row) throws SQLException {
    String policy = row.getString("policy");
    return new Approval(ApprovalId.of(row.getString("id")),
        ExecutionId.of(row.getString("execution_id")), StepId.of(row.getString("step_id")),
        row.getString("tool"), StoredJson.object(row.getString("arguments")),
        ApprovalStatus.valueOf(row.getString("status")),
        StoredJson.object(row.getString("edited_arguments")), row.getString("decided_by"),
        row.getString("comment"), Timestamps.instant(row.getString("requested_at")),
        Timestamps.instant(row.getString("decided_at")),
        Timestamps.instant(row.getString("expires_at")),
        policy == null ? null : ExpiryPolicy.valueOf(policy), row.getInt("escalated") != 0,
        row.getString("preview"));
  }
}
