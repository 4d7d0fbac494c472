package dev.baton.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.feedback.FeedbackStore;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.exec.Question;
import dev.baton.core.port.ExecutionQuery;
import dev.baton.core.port.Page;
import dev.baton.core.port.ProcessLease;
import dev.baton.core.port.ResultCache;
import dev.baton.core.port.StoredEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The durable {@link ExecutionStore} on SQLite (one file) or PostgreSQL, with the same tables and
 * migrations on both. The events table is the source of truth; executions, approvals, questions
 * and plan versions are projections written in the same transaction as the events that change
 * them, so a reader never sees one without the other. Several processes may share one database:
 * a stale writer gets STORE_CONFLICT (from the events' key), never a fork in the log. The store
 * folds nothing on the way in: the writer did.
 *
 * <p>Semantics are those of core's {@code InMemoryExecutionStore} (the contract suite checks
 * both): {@link #claim} of an execution with no events throws EXECUTION_NOT_FOUND. Database
 * failures leave as {@link BatonException} STORE_UNAVAILABLE (retryable) with the driver's
 * exception as cause. Thread-safe; {@link #close()} closes the pool.
 */
public final class JdbcExecutionStore implements ExecutionStore {
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Database db;
  private final ResultCache cache;
  private final FeedbackStore feedback;
  private final boolean sqlite;
  /** This process's marker beside an SQLite file, removed on close; null on PostgreSQL. */
  private volatile OpenMarkers marker;

  private JdbcExecutionStore(HikariDataSource pool, boolean sqlite) {
    this.sqlite = sqlite;
    this.db = new Database(pool, sqlite);
    this.cache = new JdbcResultCache(db, InstantSource.system());
    this.feedback = new JdbcFeedbackStore(db);
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
   * <p>One transaction: the executions row of a new execution, the events in one batch at their
   * positions, and the few projection rows they change (most appends change none). Also
   * STORE_CORRUPT (nothing written) when a batch is out of order or a new execution does not begin
   * with {@code ExecutionCreated}.
   */
  @Override
  public long append(List<Event> events, ExecutionSummary after, String holder) {
    if (events.isEmpty()) {
      return 0;
    }
    ExecutionId id = events.getFirst().execution();
    checkOrder(events, id);
    return db.inTransaction("append to execution " + id, s -> {
      boolean created = events.getFirst().seq() == 1;
      if (created) {
        Projections.insertExecution(s, events, after, holder);
      }
      long last = EventLog.insert(s, events, sqlite);
      if (!created && Projections.changeListing(events)) {
        Projections.updateExecution(s, after != null ? after
            : ExecutionSummary.of(ExecutionState.replay(
                EventLog.read(s.connection(), id, 0))));
      }
      Projections.writeDetails(s, events);
      return last;
    });
  }

  private static void checkOrder(List<Event> events, ExecutionId id) {
    if (events.getFirst().seq() < 1) {
      throw BatonException.of(ErrorCode.STORE_CONFLICT, "execution " + id + " cannot begin at"
          + " event " + events.getFirst().seq());
    }
    if (events.getFirst().seq() == 1 && !(events.getFirst() instanceof Event.ExecutionCreated)) {
      throw BatonException.of(ErrorCode.STORE_CORRUPT, "execution " + id
          + " must begin with ExecutionCreated, not "
          + events.getFirst().getClass().getSimpleName());
    }
    long seq = events.getFirst().seq();
    for (Event e : events) {
      if (e.seq() != seq++ || !e.execution().equals(id)) {
        throw BatonException.of(ErrorCode.STORE_CORRUPT, "event " + e.seq() + " of "
            + e.execution() + " does not follow " + (seq - 2) + " of " + id);
      }
    }
  }

  @Override
  public List<Event> events(ExecutionId id, long afterSeq) {
    return db.withConnection("read events of " + id, c -> EventLog.read(c, id, afterSeq));
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
  public List<Change> changesSince(long afterPosition, int limit) {
    return db.withConnection("read changes after position " + afterPosition,
        c -> EventLog.changes(c, afterPosition, limit));
  }

  @Override
  public long lastPosition() {
    return db.withConnection("read the last event position", EventLog::lastPosition);
  }

  /**
   * {@inheritDoc}
   *
   * <p>An unfinished execution's row is only updated when its status or plan changes, so its
   * summary is folded from its log; a finished one's row is final.
   */
  @Override
  public Optional<ExecutionSummary> summary(ExecutionId id) {
    return db.withConnection("read summary of " + id, c -> {
      Optional<ExecutionSummary> row = Listings.summary(c, id);
      return row.isEmpty() ? row : Optional.of(exact(c, row.get()));
    });
  }

  private ExecutionSummary exact(java.sql.Connection c, ExecutionSummary row)
      throws java.sql.SQLException {
    if (row.status().terminal()) {
      return row;
    }
    List<Event> log = EventLog.read(c, row.id(), 0);
    return log.isEmpty() ? row : ExecutionSummary.of(ExecutionState.replay(log));
  }

  @Override
  public Page<ExecutionSummary> list(ExecutionQuery query) {
    return db.withConnection("list executions", c -> {
      List<ExecutionSummary> rows = Listings.page(c, query);
      boolean more = rows.size() > query.limit();
      List<ExecutionSummary> page = new java.util.ArrayList<>();
      for (ExecutionSummary row : more ? rows.subList(0, query.limit()) : rows) {
        page.add(exact(c, row));
      }
      return new Page<>(page, more);
    });
  }

  @Override
  public List<ExecutionId> unfinished() {
    return db.withConnection("list unfinished executions", Listings::unfinished);
  }

  @Override
  public List<Approval> pendingApprovals(String tenant, int offset, int limit) {
    return db.withConnection("list pending approvals",
        c -> Listings.pendingApprovals(c, tenant, offset, limit));
  }

  @Override
  public List<Question> pendingQuestions(String tenant, int offset, int limit) {
    return db.withConnection("list pending questions",
        c -> Listings.pendingQuestions(c, tenant, offset, limit));
  }

  @Override
  public int countPendingHumanSteps(String tenant) {
    return db.withConnection("count pending approvals and questions",
        c -> Listings.countPending(c, tenant));
  }

  @Override
  public boolean heartbeat(ProcessLease process, Instant now) {
    return db.withConnection("renew process " + process.id(),
        c -> Processes.heartbeat(c, process, now));
  }

  @Override
  public void retire(String processId) {
    db.withConnection("retire process " + processId, c -> {
      Processes.retire(c, processId);
      return null;
    });
  }

  @Override
  public List<ProcessLease> processes() {
    return db.withConnection("list processes", Processes::all);
  }

  /**
   * {@inheritDoc}
   *
   * @throws BatonException EXECUTION_NOT_FOUND if the execution has no events yet
   */
  @Override
  public boolean claim(ExecutionId id, String process, Instant now) {
    return db.withConnection("claim execution " + id, c -> Processes.claim(c, id, process, now));
  }

  @Override
  public List<Claimed> claimOrphans(String process, Instant now, int limit) {
    return db.inTransaction("take over executions",
        s -> Processes.claimOrphans(s, process, now, limit));
  }

  @Override
  public void release(ExecutionId id, String process) {
    db.withConnection("release execution " + id, c -> {
      Processes.release(c, id, process);
      return null;
    });
  }

  @Override
  public Optional<ProcessLease> holder(ExecutionId id, Instant now) {
    return db.withConnection("read holder of " + id, c -> Processes.holder(c, id, now));
  }

  @Override
  public ResultCache cache() {
    return cache;
  }

  @Override
  public FeedbackStore feedback() {
    return feedback;
  }

  /**
   * The tools a person allowed (MCP servers' tools, pinned to a digest), in this database and so
   * shared by every process on it.
   */
  public dev.baton.core.port.ToolAllowances allowances() {
    return new JdbcToolAllowances(db);
  }

  /** The database, for tests in this package. */
  Database database() {
    return db;
  }

  /**
   * The pool, for {@link CommitProbe}, tests, and the tables other modules keep beside the
   * executions (the server's keys, tenants and webhooks): one pool per database, so SQLite sees one
   * writer per process.
   */
  public DataSource dataSource() {
    return db.dataSource();
  }

  /** Whether this store is on SQLite (else PostgreSQL). */
  public boolean onSqlite() {
    return sqlite;
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
