package dev.baton.store.jdbc;

import dev.baton.core.exec.ApprovalStatus;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.exec.Question;
import dev.baton.core.port.ExecutionSummary;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes the rows listings read, from the events of one append and only where a reader needs
 * them: the executions row when an execution is created or changes status or plan, plan versions,
 * and approvals and questions as they are asked and answered. Most appends (a step starting or
 * ending) write no projection at all.
 */
final class Projections {
  private static final String INSERT_EXECUTION = "INSERT INTO executions (id, tenant, status,"
      + " request, created_at, updated_at, plan_version, steps_total, steps_finished, last_seq,"
      + " lease_owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE_EXECUTION = "UPDATE executions SET status = ?,"
      + " updated_at = ?, plan_version = ?, steps_total = ?, steps_finished = ?, last_seq = ?"
      + " WHERE id = ?";
  private static final String INSERT_PLAN_VERSION = "INSERT INTO plan_versions"
      + " (execution_id, version, plan, reason, created_at) VALUES (?, ?, ?, ?, ?)";
  private static final String INSERT_APPROVAL = "INSERT INTO approvals (id, execution_id,"
      + " step_id, tool, status, arguments, policy, escalated, requested_at, expires_at, preview,"
      + " digest) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)";
  private static final String DECIDE_APPROVAL = "UPDATE approvals SET status = ?,"
      + " edited_arguments = ?, comment = ?, decided_at = ?, decided_by = ? WHERE id = ?";
  private static final String EXPIRE_APPROVAL = "UPDATE approvals SET status = ?, escalated = ?,"
      + " decided_at = ?, decided_by = ?, comment = ? WHERE id = ?";
  private static final String INSERT_QUESTION = "INSERT INTO questions (id, execution_id,"
      + " step_id, tool, status, input, policy, escalated, asked_at, expires_at, answer_schema)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)";
  private static final String ANSWER_QUESTION = "UPDATE questions SET status = ?, answer = ?,"
      + " answered_by = ?, answered_at = ? WHERE id = ?";
  private static final String EXPIRE_QUESTION = "UPDATE questions SET status = ?, escalated = ?,"
      + " answered_at = ?, answered_by = ? WHERE id = ?";

  private Projections() {}

  /**
   * The executions row of a new execution (before its events, which refer to it). {@code after}
   * may be null: the row is then made from the events themselves.
   */
  static void insertExecution(Statements s, List<Event> events, ExecutionSummary after,
      String holder) throws SQLException {
    ExecutionSummary row = after != null ? after : ExecutionSummary.of(
        ExecutionState.replay(events));
    PreparedStatement insert = s.get(INSERT_EXECUTION);
    insert.setString(1, row.id().value());
    insert.setString(2, row.tenant());
    insert.setString(3, row.status().name());
    insert.setString(4, row.request());
    insert.setString(5, Timestamps.text(row.createdAt()));
    insert.setString(6, Timestamps.text(row.updatedAt()));
    insert.setInt(7, row.planVersion());
    insert.setInt(8, row.stepsTotal());
    insert.setInt(9, row.stepsFinished());
    insert.setLong(10, row.lastSeq());
    insert.setString(11, holder);
    insert.executeUpdate();
  }

  /** Whether these events change what a listing of executions shows. */
  static boolean changeListing(List<Event> events) {
    for (Event e : events) {
      if (e instanceof Event.StatusChanged || e instanceof Event.PlanVersionCreated) {
        return true;
      }
    }
    return false;
  }

  static void updateExecution(Statements s, ExecutionSummary after) throws SQLException {
    PreparedStatement update = s.get(UPDATE_EXECUTION);
    update.setString(1, after.status().name());
    update.setString(2, Timestamps.text(after.updatedAt()));
    update.setInt(3, after.planVersion());
    update.setInt(4, after.stepsTotal());
    update.setInt(5, after.stepsFinished());
    update.setLong(6, after.lastSeq());
    update.setString(7, after.id().value());
    update.executeUpdate();
  }

  /** Plan versions, approvals and questions the events add or change. */
  static void writeDetails(Statements s, List<Event> events) throws SQLException {
    for (Event e : events) {
      switch (e) {
        case Event.ExecutionCreated c when c.plan() != null ->
            planVersion(s, c.execution().value(), 1, StoredJson.write(c.plan()), "submitted", c);
        case Event.PlanVersionCreated v ->
            planVersion(s, v.execution().value(), v.version(), StoredJson.write(v.plan()),
                v.reason(), v);
        case Event.ApprovalRequested a -> {
          PreparedStatement insert = s.get(INSERT_APPROVAL);
          insert.setString(1, a.approval().value());
          insert.setString(2, a.execution().value());
          insert.setString(3, a.step().value());
          insert.setString(4, a.tool());
          insert.setString(5, ApprovalStatus.PENDING.name());
          insert.setString(6, StoredJson.write(a.arguments()));
          insert.setString(7, a.policy() == null ? null : a.policy().name());
          insert.setString(8, Timestamps.text(a.at()));
          insert.setString(9, Timestamps.text(a.expiresAt()));
          insert.setString(10, a.preview());
          insert.setString(11, a.digest());
          insert.executeUpdate();
        }
        case Event.ApprovalDecided d -> {
          PreparedStatement update = s.get(DECIDE_APPROVAL);
          update.setString(1, (d.approved() ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED)
              .name());
          update.setString(2, d.approved() ? StoredJson.write(d.editedArguments()) : null);
          update.setString(3, d.comment());
          update.setString(4, Timestamps.text(d.at()));
          update.setString(5, d.by());
          update.setString(6, d.approval().value());
          update.executeUpdate();
        }
        case Event.ApprovalExpired x -> expire(s, EXPIRE_APPROVAL, x.approval().value(),
            x.policy(), ApprovalStatus.EXPIRED.name(), ApprovalStatus.PENDING.name(), x, true);
        case Event.QuestionAsked q -> {
          PreparedStatement insert = s.get(INSERT_QUESTION);
          insert.setString(1, q.question().value());
          insert.setString(2, q.execution().value());
          insert.setString(3, q.step().value());
          insert.setString(4, q.tool());
          insert.setString(5, Question.QuestionStatus.PENDING.name());
          insert.setString(6, StoredJson.write(q.input()));
          insert.setString(7, q.policy() == null ? null : q.policy().name());
          insert.setString(8, Timestamps.text(q.at()));
          insert.setString(9, Timestamps.text(q.expiresAt()));
          insert.setString(10, q.answerSchema() == null ? null
              : StoredJson.write(q.answerSchema()));
          insert.executeUpdate();
        }
        case Event.QuestionAnswered a -> {
          PreparedStatement update = s.get(ANSWER_QUESTION);
          update.setString(1, Question.QuestionStatus.ANSWERED.name());
          update.setString(2, StoredJson.write(a.answer()));
          update.setString(3, a.by());
          update.setString(4, Timestamps.text(a.at()));
          update.setString(5, a.question().value());
          update.executeUpdate();
        }
        case Event.QuestionWithdrawn w -> {
          PreparedStatement update = s.get(ANSWER_QUESTION);
          update.setString(1, Question.QuestionStatus.WITHDRAWN.name());
          update.setString(2, null);
          update.setString(3, null);
          update.setString(4, Timestamps.text(w.at()));
          update.setString(5, w.question().value());
          update.executeUpdate();
        }
        case Event.QuestionExpired x -> expire(s, EXPIRE_QUESTION, x.question().value(),
            x.policy(), Question.QuestionStatus.EXPIRED.name(),
            Question.QuestionStatus.PENDING.name(), x, false);
        default -> { }
      }
    }
  }

  private static void planVersion(Statements s, String execution, int version, String plan,
      String reason, Event e) throws SQLException {
    PreparedStatement insert = s.get(INSERT_PLAN_VERSION);
    insert.setString(1, execution);
    insert.setInt(2, version);
    insert.setString(3, plan);
    insert.setString(4, reason);
    insert.setString(5, Timestamps.text(e.at()));
    insert.executeUpdate();
  }

  private static void expire(Statements s, String sql, String id, ExpiryPolicy policy,
      String expired, String pending, Event e, boolean approval) throws SQLException {
    boolean reject = policy == ExpiryPolicy.REJECT;
    PreparedStatement update = s.get(sql);
    update.setString(1, reject ? expired : pending);
    update.setInt(2, reject ? 0 : 1);
    update.setString(3, reject ? Timestamps.text(e.at()) : null);
    update.setString(4, reject ? "timeout" : null);
    if (approval) {
      update.setString(5, reject ? "expired" : "escalated");
      update.setString(6, id);
    } else {
      update.setString(5, id);
    }
    update.executeUpdate();
  }

  /** Whether a status means the execution ended. */
  static boolean terminal(String status) {
    return ExecutionStatus.valueOf(status).terminal();
  }
}
