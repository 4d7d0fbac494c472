package dev.baton.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Connection pools for the two databases, each set up the way this store needs it. */
final class DataSources {
  static final int SQLITE_POOL_SIZE = 4;
  static final int POSTGRES_POOL_SIZE = 8;
  static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(5);

  private DataSources() {}

  /**
   * A pool on one SQLite file: WAL (readers never wait for the writer), synchronous=NORMAL (a commit
   * survives a crash of the process, not of the machine), and writing transactions that take the
   * write lock when they begin.
   */
  static HikariDataSource sqlite(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout((int) SQLITE_BUSY_TIMEOUT.toMillis());
    config.enforceForeignKeys(true);
    // why: a deferred transaction that reads, then writes, fails at once with SQLITE_BUSY when
    // another writer committed in between; an immediate one waits its turn (busy_timeout)
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

    HikariConfig pool = new HikariConfig();
    pool.setPoolName("baton-sqlite");
    pool.setDataSource(sqlite);
    pool.setMaximumPoolSize(SQLITE_POOL_SIZE);
    return open(pool, "the SQLite database " + file);
  }

  /** A pool on PostgreSQL whose connections use {@code schema} (null: the server's default). */
  static HikariDataSource postgres(String jdbcUrl, String user, String password, String schema) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("baton-postgres");
    pool.setJdbcUrl(jdbcUrl);
    pool.setUsername(user);
    pool.setPassword(password);
    pool.setSchema(schema);
    pool.setMaximumPoolSize(POSTGRES_POOL_SIZE);
    // why: turns a batch of inserts into one multi-row statement (one round trip)
    pool.addDataSourceProperty("reWriteBatchedInserts", "true");
    return open(pool, "PostgreSQL at " + jdbcUrl);
  }

  private static HikariDataSource open(HikariConfig config, String what) {
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      // why: Hikari reports an unreachable database as its own unchecked exception, the cause
      // three levels down; a person needs the one line that says what happened
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "cannot open " + what + ": "
          + reason(e), e);
    }
  }

  /** The innermost message of a failure chain, on one line, as a person can act on it. */
  static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String text = String.valueOf(t.getMessage()).replaceAll("\\s+", " ").strip();
    if (text.contains("SQLITE_BUSY") || text.contains("database is locked")) {
      return "it is locked by another program (waited " + SQLITE_BUSY_TIMEOUT.toSeconds()
          + " s); close that program or try again";
    }
    if (text.contains("SQLITE_CORRUPT") || text.contains("malformed")) {
      return "the database file is damaged (SQLite: database disk image is malformed); restore it"
          + " from a copy";
    }
    if (text.contains("SQLITE_NOTADB") || text.contains("file is not a database")) {
      return "the file is not a database or is damaged";
    }
    if (text.contains("SQLITE_CANTOPEN")) {
      return "the file cannot be opened (check the folder and its permissions)";
    }
    return text;
  }
}
