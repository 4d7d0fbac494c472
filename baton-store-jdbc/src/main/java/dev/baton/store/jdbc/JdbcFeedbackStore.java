package dev.baton.store.jdbc;

import dev.baton.core.exec.ExecutionId;
import dev.baton.core.feedback.Feedback;
import dev.baton.core.feedback.FeedbackStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Ratings in the feedback table, beside the executions they rate. Thread-safe.
 *
 * <p>The table's key cannot hold a null person, so an unknown rater is stored as the empty
 * string and read back as null.
 */
final class JdbcFeedbackStore implements FeedbackStore {
  private static final String COLUMNS =
      "tenant, execution_id, rated_by, rating, comment, rated_at";
  private static final String UPSERT = "INSERT INTO feedback (" + COLUMNS + ")"
      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, execution_id, rated_by)"
      + " DO UPDATE SET rating = excluded.rating, comment = excluded.comment,"
      + " rated_at = excluded.rated_at";
  private static final String OF = "SELECT " + COLUMNS + " FROM feedback"
      + " WHERE tenant = ? AND execution_id = ? ORDER BY rated_at, rated_by";
  private static final String RECENT = "SELECT " + COLUMNS + " FROM feedback"
      + " WHERE tenant = ? ORDER BY rated_at DESC, execution_id LIMIT ?";

  private final Database db;

  JdbcFeedbackStore(Database db) {
    this.db = db;
  }

  @Override
  public void record(Feedback feedback) {
    db.inTransaction("record feedback on " + feedback.execution(), s -> {
      PreparedStatement upsert = s.get(UPSERT);
      upsert.setString(1, feedback.tenant());
      upsert.setString(2, feedback.execution().value());
      upsert.setString(3, feedback.by() == null ? "" : feedback.by());
      upsert.setString(4, feedback.rating().name());
      upsert.setString(5, feedback.comment());
      upsert.setString(6, Timestamps.text(feedback.at()));
      return upsert.executeUpdate();
    });
  }

  @Override
  public List<Feedback> of(String tenant, ExecutionId execution) {
    return db.withConnection("read feedback on " + execution, c -> {
      try (PreparedStatement select = c.prepareStatement(OF)) {
        select.setString(1, tenant);
        select.setString(2, execution.value());
        return read(select);
      }
    });
  }

  @Override
  public List<Feedback> recent(String tenant, int limit) {
    return db.withConnection("read recent feedback", c -> {
      try (PreparedStatement select = c.prepareStatement(RECENT)) {
        select.setString(1, tenant);
        select.setInt(2, Math.max(0, limit));
        return read(select);
      }
    });
  }

  private static List<Feedback> read(PreparedStatement select) throws SQLException {
    List<Feedback> out = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String by = rows.getString(3);
        out.add(new Feedback(rows.getString(1), ExecutionId.of(rows.getString(2)),
            Feedback.Rating.valueOf(rows.getString(4)), rows.getString(5),
            by.isEmpty() ? null : by, Timestamps.instant(rows.getString(6))));
      }
    }
    return out;
  }
}
