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
  private final StateCache states = new StateCache(STATE_CACHE_SIZE);
  private final ResultCache cache;

  private JdbcExecutionStore(HikariDataSource pool) {
    this.db = new Database(pool);
    this.cache = new JdbcResultCache(db, InstantSource.system());
  }

  /**
   * Opens (creating it and its folder if needed) the SQLite database in {@code file} and brings
   * its tables up to date. Several stores, in one process or many, may share a file: SQLite lets
   * one write at a time and the others wait up to its busy timeout.
   *
   * @throws BatonException STORE_UNAVAILABLE if the file cannot be opened or migrated
   */
  public static JdbcExecutionStore sqlite(Path file) {
    try {
      Path folder = file.toAbsolutePath().getParent();
      if (folder != null) {
        Files.createDirectories(folder);
      }
    } catch (IOException e) {
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "cannot create the folder of " + file
          + ": " + e.getMessage(), e);
    }
    return open(DataSources.sqlite(file), null);
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
    return open(DataSources.postgres(jdbcUrl, user, password, schema), schema);
  }

  private static JdbcExecutionStore open(HikariDataSource pool, String schema) {
    try {
      Migrations.apply(pool, schema);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new JdbcExecutionStore(pool);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Also STORE_CORRUPT (nothing written) when an event of the batch does not follow the one
   * before it, names a step or approval the execution does not have, or a new execution's first
   * event is not {@code ExecutionCreated}.
   */
  @Override
  public void append(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    ExecutionId id = events.getFirst().execution();
    ExecutionState appended = db.inTransaction("append to execution " + id, c -> {
      long last = EventLog.lastSeq(c, id);
      long first = events.getFirst().seq();
      if (first != last + 1) {
        throw BatonException.of(ErrorCode.STORE_CONFLICT, "execution " + id + " is at event "
            + last + ", not " + (first - 1));
      }
      ExecutionState before = last == 0 ? null : states.at(c, id, last);
      ExecutionState after = fold(before, events);
      Projections.writeExecution(c, before, after);
      EventLog.insert(c, events);
      Projections.writeDetails(c, before, after);
      return after;
    });
    states.remember(appended);
  }

  private static ExecutionState fold(ExecutionState before, List<Event> events) {
    if (before == null && !(events.getFirst() instanceof Event.ExecutionCreated)) {
      throw BatonException.of(ErrorCode.STORE_CORRUPT, "execution "
          + events.getFirst().execution() + " must begin with ExecutionCreated, not "
          + events.getFirst().getClass().getSimpleName());
    }
    ExecutionState state = before == null ? ExecutionState.replay(events.subList(0, 1))
        : before.copy();
    events.subList(before == null ? 1 : 0, events.size()).forEach(state::apply);
    return state;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Starts from the state cached by the last append or load and folds only the events after
   * it, so loading a long execution does not replay its whole log each time.
   */
  @Override
  public ExecutionState load(ExecutionId id) {
    ExecutionState state = db.withConnection("load execution " + id, c -> {
      long last = EventLog.lastSeq(c, id);
      return last == 0 ? null : states.at(c, id, last);
    });
    if (state == null) {
      throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "no execution with id '" + id + "'");
    }
    states.remember(state);
    return state.copy();
  }

  @Override
  public List<Event> events(ExecutionId id, long afterSeq) {
    return db.withConnection("read events of " + id, c -> EventLog.read(c, id, afterSeq, Long.MAX_VALUE));
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
    db.close();
  }
}
