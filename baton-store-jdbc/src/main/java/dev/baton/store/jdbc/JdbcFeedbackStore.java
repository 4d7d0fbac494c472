package dev.baton.store.jdbc;

import dev.baton.core.exec.ExecutionId;
import dev.baton.core.feedback.Feedback;
import dev.baton.core.feedback.FeedbackStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Ratings in the {@code feedback} table, shared by every process on the database. Thread-safe. */
public final class JdbcFeedbackStore implements FeedbackStore {
  private static final String PUT = "INSERT INTO feedback (tenant, execution_id, rated_by, rating,"
      + " comment, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, execution_id, rated_by) DO"
      + " UPDATE SET rating = excluded.rating, comment = excluded.comment, at = excluded.at";
  private static final String COLUMNS = "SELECT tenant, execution_id, rated_by, rating, comment,"
      + " at FROM feedback";
  private static final String OF = COLUMNS + " WHERE tenant = ? AND execution_id = ? ORDER BY at";
  private static final String RECENT = COLUMNS + " WHERE tenant = ? ORDER BY at DESC LIMIT ?";

  private final Database db;

  private JdbcFeedbackStore(Database db) {
    this.db = db;
  }

  /** The ratings in the store's database (migrated with it). */
  public static JdbcFeedbackStore on(JdbcExecutionStore store) {
    return new JdbcFeedbackStore(store.database());
  }

  @Override
  public void record(Feedback f) {
    db.inTransaction("record feedback on " + f.execution(), s -> {
      PreparedStatement put = s.get(PUT);
      put.setString(1, f.tenant());
      put.setString(2, f.execution().value());
      // why: part of the key; an anonymous rating is one person's
      put.setString(3, f.by() == null ? "" : f.by());
      put.setString(4, f.rating().name());
      put.setString(5, f.comment());
      put.setString(6, Timestamps.text(f.at()));
      return put.executeUpdate();
    });
  }

  @Override
  public List<Feedback> of(String tenant, ExecutionId execution) {
    return query("read feedback on " + execution, OF, tenant, execution.value(), -1);
  }

  @Override
  public List<Feedback> recent(String tenant, int limit) {
    return query("read recent feedback", RECENT, tenant, null, limit);
  }

  private List<Feedback> query(String what, String sql, String tenant, String execution,
      int limit) {
    return db.withConnection(what, c -> {
      try (PreparedStatement q = c.prepareStatement(sql)) {
        q.setString(1, tenant);
        if (execution != null) {
          q.setString(2, execution);
        } else {
          q.setInt(2, limit);
        }
        List<Feedback> out = new ArrayList<>();
        try (ResultSet rows = q.executeQuery()) {
          while (rows.next()) {
            out.add(row(rows));
          }
        }
        return out;
      }
    });
  }

  private static Feedback row(ResultSet r) throws SQLException {
    String by = r.getString(3);
    return new Feedback(r.getString(1), ExecutionId.of(r.getString(2)),
        Feedback.Rating.valueOf(r.getString(4)), r.getString(5), by.isEmpty() ? null : by,
        Timestamps.instant(r.getString(6)));
  }
}
