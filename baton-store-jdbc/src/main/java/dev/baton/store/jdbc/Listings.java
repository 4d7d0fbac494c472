package dev.baton.store.jdbc;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ApprovalStatus;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.exec.Question;
import dev.baton.core.plan.StepId;
import dev.baton.core.port.ExecutionQuery;
import dev.baton.core.port.ExecutionSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the projections back: summaries, pages of executions, pending approvals and questions, in
 * the orders the {@code ExecutionStore} port promises. Ties in time are broken by id so pages are
 * stable.
 */
final class Listings {
  private static final String SUMMARY_COLUMNS = "SELECT id, tenant, status, request, created_at,"
      + " updated_at, plan_version, steps_total, steps_finished, last_seq FROM executions";
  private static final String SUMMARY = SUMMARY_COLUMNS + " WHERE id = ?";
  private static final String UNFINISHED = "SELECT id FROM executions"
      + " WHERE status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED') ORDER BY created_at, id";
  private static final String APPROVAL_COLUMNS = "SELECT a.id, a.execution_id, a.step_id,"
      + " a.tool, a.status, a.arguments, a.edited_arguments, a.decided_by, a.comment,"
      + " a.requested_at, a.decided_at, a.expires_at, a.policy, a.escalated, a.preview, a.digest"
      + " FROM approvals a JOIN executions e ON e.id = a.execution_id WHERE a.status = 'PENDING'"
      + " AND e.status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')";
  private static final String QUESTION_COLUMNS = "SELECT q.id, q.execution_id, q.step_id,"
      + " q.tool, q.status, q.input, q.answer, q.answered_by, q.asked_at, q.answered_at,"
      + " q.expires_at, q.policy, q.escalated, q.answer_schema"
      + " FROM questions q JOIN executions e ON e.id = q.execution_id WHERE q.status = 'PENDING'"
      + " AND e.status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')";
  private static final String LIVE = " AND e.status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')";
  private static final String COUNT = "SELECT (SELECT count(*) FROM approvals a JOIN executions e"
      + " ON e.id = a.execution_id WHERE a.status = 'PENDING'" + LIVE + " %1$s) + (SELECT"
      + " count(*) FROM questions q JOIN executions e ON e.id = q.execution_id"
      + " WHERE q.status = 'PENDING'" + LIVE + " %1$s)";

  private Listings() {}

  static Optional<ExecutionSummary> summary(Connection c, ExecutionId id) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(SUMMARY)) {
      select.setString(1, id.value());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(summary(rows)) : Optional.empty();
      }
    }
  }

  /** One page, newest first; one row more than the limit is read to tell whether more follow. */
  static List<ExecutionSummary> page(Connection c, ExecutionQuery q) throws SQLException {
    StringBuilder sql = new StringBuilder(SUMMARY_COLUMNS).append(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.tenant() != null) {
      sql.append(" AND tenant = ?");
      args.add(q.tenant());
    }
    if (!q.statuses().isEmpty()) {
      sql.append(" AND status IN (").append("?, ".repeat(q.statuses().size() - 1)).append("?)");
      q.statuses().stream().map(Enum::name).sorted().forEach(args::add);
    }
    if (q.text() != null) {
      sql.append(" AND lower(request) LIKE ? ESCAPE '!'");
      args.add("%" + q.text().toLowerCase(java.util.Locale.ROOT).replace("!", "!!")
          .replace("%", "!%").replace("_", "!_") + "%");
    }
    if (q.beforeCreated() != null) {
      sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
      args.add(Timestamps.text(q.beforeCreated()));
      args.add(Timestamps.text(q.beforeCreated()));
      args.add(q.beforeId().value());
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    args.add(q.limit() + 1);
    try (PreparedStatement select = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        select.setObject(i + 1, args.get(i));
      }
      List<ExecutionSummary> out = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          out.add(summary(rows));
        }
      }
      return out;
    }
  }

  static List<ExecutionId> unfinished(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(UNFINISHED)) {
      List<ExecutionId> ids = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(ExecutionId.of(rows.getString(1)));
        }
      }
      return ids;
    }
  }

  static List<Approval> pendingApprovals(Connection c, String tenant, int offset, int limit)
      throws SQLException {
    String sql = APPROVAL_COLUMNS + (tenant == null ? "" : " AND e.tenant = ?")
        + " ORDER BY a.requested_at, a.execution_id, a.id LIMIT ? OFFSET ?";
    try (PreparedStatement select = c.prepareStatement(sql)) {
      int next = 1;
      if (tenant != null) {
        select.setString(next++, tenant);
      }
      select.setInt(next++, limit);
      select.setInt(next, offset);
      List<Approval> approvals = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          approvals.add(approval(rows));
        }
      }
      return approvals;
    }
  }

  static List<Question> pendingQuestions(Connection c, String tenant, int offset, int limit)
      throws SQLException {
    String sql = QUESTION_COLUMNS + (tenant == null ? "" : " AND e.tenant = ?")
        + " ORDER BY q.asked_at, q.execution_id, q.id LIMIT ? OFFSET ?";
    try (PreparedStatement select = c.prepareStatement(sql)) {
      int next = 1;
      if (tenant != null) {
        select.setString(next++, tenant);
      }
      select.setInt(next++, limit);
      select.setInt(next, offset);
      List<Question> questions = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          questions.add(question(rows));
        }
      }
      return questions;
    }
  }

  static int countPending(Connection c, String tenant) throws SQLException {
    String filter = tenant == null ? "" : "AND e.tenant = ?";
    try (PreparedStatement select = c.prepareStatement(String.format(COUNT, filter))) {
      if (tenant != null) {
        select.setString(1, tenant);
        select.setString(2, tenant);
      }
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getInt(1) : 0;
      }
    }
  }

  static ExecutionSummary summary(ResultSet row) throws SQLException {
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
        row.getString("preview"), row.getString("digest"));
  }

  private static Question question(ResultSet row) throws SQLException {
    String policy = row.getString("policy");
    String answer = row.getString("answer");
    String schema = row.getString("answer_schema");
    return new Question(ApprovalId.of(row.getString("id")),
        ExecutionId.of(row.getString("execution_id")), StepId.of(row.getString("step_id")),
        row.getString("tool"), StoredJson.object(row.getString("input")),
        Question.QuestionStatus.valueOf(row.getString("status")),
        answer == null ? null : StoredJson.node(answer), row.getString("answered_by"),
        Timestamps.instant(row.getString("asked_at")),
        Timestamps.instant(row.getString("answered_at")),
        Timestamps.instant(row.getString("expires_at")),
        policy == null ? null : ExpiryPolicy.valueOf(policy), row.getInt("escalated") != 0,
        schema == null ? null : StoredJson.object(schema));
  }
}
