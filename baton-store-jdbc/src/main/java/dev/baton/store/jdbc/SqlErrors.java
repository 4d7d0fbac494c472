package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns a driver's exception into Baton's, once, at the edge of this adapter. */
final class SqlErrors {
  private static final String POSTGRES_UNIQUE_VIOLATION = "23505";
  private static final int MAX_CHAIN = 8;

  private SqlErrors() {}

  /**
   * STORE_CONFLICT when a unique key was violated (another writer got there first), otherwise
   * STORE_UNAVAILABLE; the driver's exception is kept as the cause.
   */
  static BatonException wrap(SQLException e, String what) {
    ErrorCode code = isUniqueViolation(e) ? ErrorCode.STORE_CONFLICT : ErrorCode.STORE_UNAVAILABLE;
    return BatonException.of(code, what + " failed: " + e.getMessage(), e);
  }

  static boolean isUniqueViolation(SQLException e) {
    // why: batch failures hide the real error in the cause or the next-exception chain
    Throwable t = e;
    for (int depth = 0; t != null && depth < MAX_CHAIN; depth++, t = next(t)) {
      if (t instanceof SQLException sql && (POSTGRES_UNIQUE_VIOLATION.equals(sql.getSQLState())
          || isSqliteUniqueViolation(sql))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSqliteUniqueViolation(SQLException e) {
    return e instanceof SQLiteException s
        && (s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
            || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
  }

  private static Throwable next(Throwable t) {
    if (t instanceof SQLException sql && sql.getNextException() != null) {
      return sql.getNextException();
    }
    return t.getCause();
  }
}
