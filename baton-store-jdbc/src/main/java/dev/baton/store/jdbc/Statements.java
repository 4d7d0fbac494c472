package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConnection;

/**
 * The prepared statements of one transaction on one connection: each SQL text is prepared once
 * however often the transaction uses it. Not thread-safe, like the connection.
 *
 * <p>Made by {@link Kept#on} (SQLite), the statements stay prepared on the physical connection
 * for the next transaction that borrows it, because SQLite compiles a statement each time it is
 * prepared (several microseconds, next to a commit of a few tens). PostgreSQL's driver keeps its
 * own per-connection cache of server-side statements, so there each transaction prepares and
 * closes its own.
 */
final class Statements implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> prepared;
  /** The physical connection the statements are kept on; null if they are this work's own. */
  private final Connection physical;
  private final Kept kept;

  /** Statements of this transaction only, closed with it. */
  Statements(Connection connection) {
    this(connection, new HashMap<>(), null, null);
  }

  private Statements(Connection connection, Map<String, PreparedStatement> prepared,
      Connection physical, Kept kept) {
    this.connection = connection;
    this.prepared = prepared;
    this.physical = physical;
    this.kept = kept;
  }

  /** The connection as borrowed from the pool. */
  Connection connection() {
    return connection;
  }

  /**
   * {@code sql} prepared; do not close it. A kept statement comes as the last transaction left it
   * (a batch executed, a result set closed: JDBC leaves no batch behind), so the caller sets every
   * parameter; after a failure the statements are not kept ({@link #forget}).
   */
  PreparedStatement get(String sql) throws SQLException {
    PreparedStatement s = prepared.get(sql);
    if (s == null) {
      s = (physical != null ? physical : connection).prepareStatement(sql);
      prepared.put(sql, s);
    }
    return s;
  }

  /**
   * After a failure: closes the statements of the work, or, for kept statements, all those of the
   * connection, so nothing of it is reused. What fails to close is added to {@code failure}.
   */
  void forget(Exception failure) {
    if (kept != null) {
      kept.byConnection.remove(physical);
    }
    try {
      closeAll(prepared);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** Ends the work: its own statements are closed, kept ones stay prepared. */
  @Override
  public void close() throws SQLException {
    if (kept == null) {
      closeAll(prepared);
    }
  }

  private static void closeAll(Map<String, PreparedStatement> statements) throws SQLException {
    SQLException failure = null;
    for (PreparedStatement s : statements.values()) {
      try {
        s.close();
      } catch (SQLException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    statements.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Statements kept prepared on SQLite connections from one transaction to the next. They are
   * prepared on the physical connection, past the pool's proxy (which would close them when the
   * connection goes back), and the driver finalizes them when the pool closes the connection;
   * what is kept for a closed connection is let go the next time a new connection shows up.
   * Thread-safe; the statements of one connection are used only by whoever borrowed it.
   */
  static final class Kept {
    private final Map<Connection, Map<String, PreparedStatement>> byConnection =
        new ConcurrentHashMap<>();

    /** The kept statements of the connection {@code borrowed} wraps. */
    Statements on(Connection borrowed) throws SQLException {
      SQLiteConnection physical = borrowed.unwrap(SQLiteConnection.class);
      Map<String, PreparedStatement> statements = byConnection.get(physical);
      if (statements == null) {
        letGoOfClosed();
        statements = new HashMap<>();
        byConnection.put(physical, statements);
      }
      return new Statements(borrowed, statements, physical, this);
    }

    private void letGoOfClosed() {
      for (Iterator<Connection> i = byConnection.keySet().iterator(); i.hasNext(); ) {
        try {
          if (i.next().isClosed()) {
            i.remove();
          }
        } catch (SQLException e) {
          i.remove();
        }
      }
    }
  }
}
