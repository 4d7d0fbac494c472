package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Measures what one bare commit costs on a store's database: the floor under every append, for
 * benchmarks to compare against. It commits one-row inserts into a scratch table
 * ({@value #TABLE}), which it creates and drops; run one probe at a time per database.
 */
public final class CommitProbe {
  static final String TABLE = "commit_probe";
  private static final int WARM_UP = 20;

  private CommitProbe() {}

  /**
   * The mean time of {@code commits} transactions that each insert one row, after a short warm-up.
   *
   * @throws IllegalArgumentException if {@code commits} is not positive
   * @throws BatonException STORE_UNAVAILABLE if the database fails
   */
  public static Duration meanCommit(JdbcExecutionStore store, int commits) {
    if (commits < 1) {
      throw new IllegalArgumentException("commits must be positive, was " + commits);
    }
    try (Connection c = store.dataSource().getConnection()) {
      execute(c, "CREATE TABLE IF NOT EXISTS " + TABLE + " (n BIGINT NOT NULL)");
      try {
        c.setAutoCommit(false);
        try (PreparedStatement insert =
            c.prepareStatement("INSERT INTO " + TABLE + " (n) VALUES (?)")) {
          commitRows(c, insert, WARM_UP);
          long start = System.nanoTime();
          commitRows(c, insert, commits);
          return Duration.ofNanos((System.nanoTime() - start) / commits);
        }
      } finally {
        c.setAutoCommit(true);
        execute(c, "DROP TABLE " + TABLE);
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap(e, "measure a commit");
    }
  }

  private static void commitRows(Connection c, PreparedStatement insert, int rows)
      throws SQLException {
    for (int i = 0; i < rows; i++) {
      insert.setLong(1, i);
      insert.executeUpdate();
      c.commit();
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
