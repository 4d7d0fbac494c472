package dev.baton.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.port.ResultCache;
import dev.baton.core.port.StoredEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The durable {@link ExecutionStore} on SQLite (one file) or PostgreSQL, with the same tables and
 * migrations on both. The events table is the source of truth; executions, steps, approvals and
 * plan versions are projections written in the same transaction as the events, so a reader never
 * sees one without the other. Several processes may share one database: a stale writer gets
 * STORE_CONFLICT, never a fork in the log.
 *
 * <p>Semantics are those of core's {@code InMemoryExecutionStore} (the contract suite checks
 * both): {@link #claim} of an execution with no events throws EXECUTION_NOT_FOUND. Database failures leave as {@link BatonException} STORE_UNAVAILABLE
 * (retryable) with the driver's exception as cause. Thread-safe; {@link #close()} closes the pool.
 */
public final class JdbcExecutionStore implements ExecutionStore {
  /** How many executions' folded states are kept to make appends cheap. */
  public static final int STATE_CACHE_SIZE = 1_000;

  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Database db;
  private final StateCache states = new StateCache(STATE_CACHE_SIZE, StateCache.CLAIM_WAIT);
  private final ResultCache cache;
  private final boolean sqlite;
  /** This process's marker beside an SQLite file, removed on close; null on PostgreSQL. */
  private volatile OpenMarkers marker;

  private JdbcExecutionStore(HikariDataSource pool, boolean sqlite) {
    this.sqlite = sqlite;
    this.db = new Database(pool, sqlite);
    this.cache = new JdbcResultCache(db, InstantSource.system());
  }

  /**
   * Opens (creating it and its folder if needed) the SQLite database in {@code file} and brings
   * its tables up to date. Several stores, in one process or many, may share a file: SQLite lets
   * one write at a time and the others wait up to its busy timeout.
   *
   * <p>State is never silently lost: a database is created only where no file exists (an empty or
   * foreign file is refused); when the write-ahead log held changes and is gone, opening is
   * refused; and when a process that used the file ended without closing it (its marker beside
   * the file outlived it), the database's integrity is checked before it is used.
   *
   * @throws BatonException STORE_UNAVAILABLE if the file cannot be opened or migrated (a folder
   *     in the way, locked by another program); STORE_CORRUPT if it is empty, not a database,
   *     damaged, or lost changes; each with one line naming the file
   */
  public static JdbcExecutionStore sqlite(Path file) {
    try {
      Path folder = file.toAbsolutePath().getParent();
      if (folder != null) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
          throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "the data folder " + folder
              + " is a file, not a folder");
        }
        Files.createDirectories(folder);
      }
    } catch (IOException e) {
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "cannot create the folder of " + file
          + ": " + e.getMessage(), e);
    }
    return OpeningLock.around(file, () -> openSqlite(file));
  }

  /** The checks, the pool, the migrations and the marker, while no other process opens the file. */
  private static JdbcExecutionStore openSqlite(Path file) {
    SqliteFileCheck.database(file);
    OpenMarkers.Others others = OpenMarkers.look(file);
    if (others.live() == 0) {
      SqliteFileCheck.writeAheadLog(file);
    }
    JdbcExecutionStore store = open(DataSources.sqlite(file), null, true);
    try {
      if (others.uncleanEnd()) {
        IntegrityCheck.run(store.db, file, others.ended());
        OpenMarkers.forgetEnded(file);
      }
      store.marker = OpenMarkers.enter(file.toAbsolutePath());
    } catch (IOException e) {
      store.close();
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "cannot write beside " + file + ": "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * Connects to PostgreSQL and brings the tables in {@code schema} up to date, creating the schema
   * if it is missing. {@code user} and {@code password} may be null when the URL carries them;
   * {@code schema} null uses the server's default (usually {@code public}).
   *
   * @throws BatonException CONFIG_INVALID for a schema name that is not a plain lower-case
   *     identifier; STORE_UNAVAILABLE if the server cannot be reached or migrated
   */
  public static JdbcExecutionStore postgres(String jdbcUrl, String user, String password,
      String schema) {
    if (schema != null && !SCHEMA_NAME.matcher(schema).matches()) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, "schema '" + schema
          + "' must be lower-case letters, digits and '_', starting with a letter or '_'");
    }
    return open(DataSources.postgres(jdbcUrl, user, password, schema), schema, false);
  }

  private static JdbcExecutionStore open(HikariDataSource pool, String schema, boolean sqlite) {
    try {
      Migrations.apply(pool, schema);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new JdbcExecutionStore(pool, sqlite);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Also STORE_CORRUPT (nothing written) when an event of the batch does not follow the one
   * before it, names a step or approval the execution does not have, or a new execution's first
   * event is not {@code ExecutionCreated}.
   *
   * <p>Folds the events onto the execution's cached state in place and writes only the rows they
   * change (see {@link Append}); a failed append drops the cached state, so it leaves no trace in
   * the cache either.
   */
  @Override
  public void append(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    Append append = new Append(events, states, sqlite);
    boolean committed = false;
    try {
      db.inTransaction("append to execution " + events.getFirst().execution(), append::write);
      committed = true;
    } finally {
      append.giveBack(states, committed);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Starts from the state cached by the last append or load and folds only the events after
   * it, so loading a long execution does not replay its whole log each time.
   */
  @Override
  public ExecutionState load(ExecutionId id) {
    ExecutionState cached = states.copy(id);
    ExecutionState state = db.withConnection("load execution " + id, c -> {
      long last = EventLog.lastSeq(c, id);
      if (last == 0) {
        return null;
      }
      if (cached != null && cached.lastSeq() == last) {
        return cached;
      }
      ExecutionState folded;
      if (cached != null && cached.lastSeq() < last) {
        folded = cached;
        EventLog.read(c, id, cached.lastSeq(), last).forEach(folded::apply);
      } else {
        folded = ExecutionState.replay(EventLog.read(c, id, 0, last));
      }
      states.remember(folded);
      return folded.copy();
    });
    if (state == null) {
      throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "no execution with id '" + id + "'");
    }
    return state;
  }

  @Override
  public List<Event> events(ExecutionId id, long afterSeq) {
    return db.withConnection("read events of " + id, c -> EventLog.read(c, id, afterSeq, Long.MAX_VALUE));
  }

  /** @throws IllegalArgumentException if {@code limit} is negative */
  @Override
  public List<StoredEvent> eventsSince(long afterPosition, String tenant, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    return db.withConnection("read events after position " + afterPosition,
        c -> EventLog.since(c, afterPosition, tenant, limit));
  }

  @Override
  public long lastPosition() {
    return db.withConnection("read the last event position", EventLog::lastPosition);
  }

  @Override
  public Optional<ExecutionSummary> summary(ExecutionId id) {
    return db.withConnection("read summary of " + id, c -> Listings.summary(c, id));
  }

  /** @throws IllegalArgumentException if {@code limit} is negative */
  @Override
  public List<ExecutionSummary> list(String tenant, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    return db.withConnection("list executions", c -> Listings.list(c, tenant, limit));
  }

  @Override
  public List<ExecutionId> unfinished() {
    return db.withConnection("list unfinished executions", Listings::unfinished);
  }

  @Override
  public List<Approval> pendingApprovals(String tenant) {
    return db.withConnection("list pending approvals", c -> Listings.pendingApprovals(c, tenant));
  }

  /**
   * {@inheritDoc}
   *
   * @throws BatonException EXECUTION_NOT_FOUND if the execution has no events yet
   */
  @Override
  public boolean claim(ExecutionId id, String owner, Instant now, Duration ttl) {
    return db.withConnection("claim execution " + id, c -> Leases.claim(c, id, owner, now, ttl));
  }

  @Override
  public void release(ExecutionId id, String owner) {
    db.withConnection("release execution " + id, c -> {
      Leases.release(c, id, owner);
      return null;
    });
  }

  @Override
  public Optional<String> leaseHolder(ExecutionId id, Instant now) {
    return db.withConnection("read lease of " + id, c -> Leases.holder(c, id, now));
  }

  @Override
  public ResultCache cache() {
    return cache;
  }

  /** The pool, for {@link CommitProbe} and tests in this package. */
  DataSource dataSource() {
    return db.dataSource();
  }

  @Override
  public void close() {
    try {
      db.close();
    } finally {
      OpenMarkers m = marker;
      marker = null;
      if (m != null) {
        m.close();
      }
    }
  }
}
