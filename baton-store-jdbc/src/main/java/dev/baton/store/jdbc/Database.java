package dev.baton.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The connection pool and the two ways this store uses it: work on an auto-commit connection, or
 * work done in one transaction that commits as a whole or not at all. Either way an
 * {@link SQLException} leaves as a {@code BatonException} (see {@link SqlErrors}). Thread-safe.
 *
 * <p>On SQLite a transaction is begun and ended with statements of its own ({@code BEGIN
 * IMMEDIATE}, {@code COMMIT}, {@code ROLLBACK}) on a connection left in auto-commit mode, and its
 * statements stay prepared on the connection for the next transaction (see {@link Statements}).
 * The driver's own way, {@code setAutoCommit(false)} and {@code commit()}, costs two more
 * statements per transaction, each compiled anew, and takes the write lock again right after the
 * commit until the pool resets the connection.
 */
final class Database implements AutoCloseable {
  /** Work on a connection; the caller of {@link Database} handles the exceptions. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Work in a transaction, with its statements; the caller handles the exceptions. */
  @FunctionalInterface
  interface TransactionWork<T> {
    T run(Statements statements) throws SQLException;
  }

  private static final String BEGIN = "BEGIN IMMEDIATE";
  private static final String COMMIT = "COMMIT";
  private static final String ROLLBACK = "ROLLBACK";

  private final HikariDataSource pool;
  /** Statements kept prepared per SQLite connection; null on PostgreSQL. */
  private final Statements.Kept kept;

  /** @param sqlite whether {@code pool} holds SQLite connections (else PostgreSQL ones) */
  Database(HikariDataSource pool, boolean sqlite) {
    this.pool = pool;
    this.kept = sqlite ? new Statements.Kept() : null;
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
   * and rethrows (an {@link SQLException} wrapped, anything else as it was). A connection that
   * cannot be rolled back is closed (which ends its transaction), never handed out again.
   */
  <T> T inTransaction(String what, TransactionWork<T> work) {
    try (Connection c = pool.getConnection();
        Statements s = kept == null ? new Statements(c) : kept.on(c)) {
      try {
        begin(s);
        T result = work.run(s);
        commit(s);
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(s, e);
        throw e;
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap(e, what);
    }
  }

  private void begin(Statements s) throws SQLException {
    if (kept == null) {
      s.connection().setAutoCommit(false);
    } else {
      s.get(BEGIN).executeUpdate();
    }
  }

  private void commit(Statements s) throws SQLException {
    if (kept == null) {
      s.connection().commit();
    } else {
      s.get(COMMIT).executeUpdate();
    }
  }

  private void rollback(Statements s, Exception failure) {
    Connection c = s.connection();
    try {
      if (kept == null) {
        c.rollback();
      } else {
        s.get(ROLLBACK).executeUpdate();
      }
    } catch (SQLException e) {
      // why: also when no transaction was open (BEGIN failed, or SQLite ended it on an error);
      // closing the connection ends whatever is open, and it is not worth telling the cases apart
      failure.addSuppressed(e);
      pool.evictConnection(c);
    } finally {
      s.forget(failure);
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
