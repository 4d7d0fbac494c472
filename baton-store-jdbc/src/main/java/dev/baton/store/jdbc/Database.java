package dev.baton.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The connection pool and the two ways this store uses it: work on an auto-commit connection, or
 * work done in one transaction that commits as a whole or not at all. Either way an
 * {@link SQLException} leaves as a {@code BatonException} (see {@link SqlErrors}). Thread-safe.
 */
final class Database implements AutoCloseable {
  /** Work on a connection; the caller of {@link Database} handles the exceptions. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final HikariDataSource pool;

  Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Runs {@code work} on an auto-commit connection; {@code what} names it in errors. */
  <T> T withConnection(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw SqlErrors.wrap(e, what);
    }
  }

  /**
   * Runs {@code work} in one transaction: commits if it returns, rolls back if it throws anything,
   * and rethrows (an {@link SQLException} wrapped, anything else as it was). The pool puts the
   * connection back in auto-commit mode when it is returned.
   */
  <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap(e, what);
    }
  }

  private static void rollback(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }
}
