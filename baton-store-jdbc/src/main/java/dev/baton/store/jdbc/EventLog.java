package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The events table, the source of truth: each event as JSON (with its "type") under its execution
 * and seq, and at its global position. The key (execution, seq) is what makes two racing writers
 * conflict; positions are taken while the write lock is held, so commit order is position order.
 */
final class EventLog {
  private static final String INSERT = "INSERT INTO events (execution_id, seq, type, at, payload,"
      + " position) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String LAST_POSITION = "SELECT coalesce(max(position), 0) FROM events";
  // why: serialises appends on PostgreSQL until commit (SQLite's write lock already does)
  private static final String POSITION_LOCK = "SELECT pg_advisory_xact_lock(7420170001)";
  private static final String READ = "SELECT payload FROM events"
      + " WHERE execution_id = ? AND seq > ? ORDER BY seq";
  private static final String LAST_SEQ = "SELECT coalesce(max(seq), 0) FROM events"
      + " WHERE execution_id = ?";
  // why: one statement reads both the next position and whether the event before the batch exists
  private static final String POSITION_AND_PREVIOUS = "SELECT coalesce(max(position), 0),"
      + " (SELECT count(*) FROM events WHERE execution_id = ? AND seq = ?) FROM events";
  private static final String SINCE_ALL = "SELECT position, payload FROM events"
      + " WHERE position > ? ORDER BY position LIMIT ?";
  private static final String SINCE_TENANT = "SELECT ev.position, ev.payload FROM events ev"
      + " JOIN executions ex ON ex.id = ev.execution_id"
      + " WHERE ev.position > ? AND ex.tenant = ? ORDER BY ev.position LIMIT ?";
  private static final String CHANGES = "SELECT position, execution_id, seq, type FROM events"
      + " WHERE position > ? ORDER BY position LIMIT ?";

  private EventLog() {}

  /**
   * Inserts the events at the next positions, in one statement (batched: one multi-row insert on
   * PostgreSQL). A seq already taken fails the whole batch with a unique-key violation, which
   * {@link SqlErrors} reports as STORE_CONFLICT.
   */
  /** @return the position of the last event inserted */
  static long insert(Statements s, List<Event> events, boolean sqlite) throws SQLException {
    if (sqlite) {
      return insertOnSqlite(s, events);
    }
    s.get(POSITION_LOCK).execute();
    Event first = events.getFirst();
    long position;
    boolean previous;
    PreparedStatement read = s.get(POSITION_AND_PREVIOUS);
    read.setString(1, first.execution().value());
    read.setLong(2, first.seq() - 1);
    try (ResultSet rows = read.executeQuery()) {
      rows.next();
      position = rows.getLong(1);
      previous = rows.getLong(2) > 0;
    }
    if (first.seq() > 1 && !previous) {
      throw gap(s, first);
    }
    PreparedStatement insert = s.get(INSERT);
    for (Event e : events) {
      insert.setString(1, e.execution().value());
      insert.setLong(2, e.seq());
      insert.setString(3, e.getClass().getSimpleName());
      insert.setString(4, Timestamps.text(e.at()));
      insert.setString(5, StoredJson.event(e));
      insert.setLong(6, ++position);
      insert.addBatch();
    }
    insert.executeBatch();
    return position;
  }

  // why: the key refuses a seq taken twice; a gap it cannot see, so the one before must exist
  private static BatonException gap(Statements s, Event first) throws SQLException {
    return BatonException.of(ErrorCode.STORE_CONFLICT, "execution " + first.execution()
        + " is at event " + lastSeq(s.connection(), first.execution()) + ", not "
        + (first.seq() - 1));
  }

  /**
   * On SQLite, one statement per append of up to {@value #ROWS_PER_INSERT} events: SQLite numbers
   * the rows itself (the position is the row key, and the write lock makes the next number the
   * next position), and the rows go in only if the event before the first exists, so the whole
   * append is one step of the database instead of a read and a row at a time.
   */
  private static long insertOnSqlite(Statements s, List<Event> events) throws SQLException {
    long last = 0;
    for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
      List<Event> part = events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT));
      Event first = part.getFirst();
      PreparedStatement insert = s.get(sqliteInsert(part.size()));
      int p = 1;
      for (Event e : part) {
        insert.setString(p++, e.execution().value());
        insert.setLong(p++, e.seq());
        insert.setString(p++, e.getClass().getSimpleName());
        insert.setString(p++, Timestamps.text(e.at()));
        insert.setString(p++, StoredJson.event(e));
      }
      insert.setLong(p++, first.seq());
      insert.setString(p++, first.execution().value());
      insert.setLong(p, first.seq() - 1);
      int inserted = 0;
      try (ResultSet rows = insert.executeQuery()) {
        while (rows.next()) {
          last = Math.max(last, rows.getLong(1));
          inserted++;
        }
      }
      if (inserted != part.size()) {
        throw gap(s, first);
      }
    }
    return last;
  }

  static final int ROWS_PER_INSERT = 16;
  private static final String[] SQLITE_INSERTS = new String[ROWS_PER_INSERT + 1];

  static {
    for (int n = 1; n <= ROWS_PER_INSERT; n++) {
      StringBuilder sql = new StringBuilder("INSERT INTO events (execution_id, seq, type, at,"
          + " payload) SELECT column1, column2, column3, column4, column5 FROM (VALUES ");
      for (int i = 0; i < n; i++) {
        sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?)");
      }
      // why: ORDER BY keeps positions in seq order; a first seq of 1 has nothing before it
      sql.append(") WHERE ? = 1 OR EXISTS (SELECT 1 FROM events WHERE execution_id = ?"
          + " AND seq = ?) ORDER BY column2 RETURNING position");
      SQLITE_INSERTS[n] = sql.toString();
    }
  }

  private static String sqliteInsert(int rows) {
    return SQLITE_INSERTS[rows];
  }

  /** The events with seq greater than {@code afterSeq}, in order. */
  static List<Event> read(Connection c, ExecutionId id, long afterSeq) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(READ)) {
      select.setString(1, id.value());
      select.setLong(2, afterSeq);
      List<Event> events = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(StoredJson.event(rows.getString(1)));
        }
      }
      return events;
    }
  }

  static long lastSeq(Connection c, ExecutionId id) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(LAST_SEQ)) {
      select.setString(1, id.value());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  static long lastPosition(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(LAST_POSITION);
        ResultSet rows = select.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  /** Events after {@code afterPosition} in position order, of one tenant or (null) all. */
  static List<StoredEvent> since(Connection c, long afterPosition, String tenant, int limit)
      throws SQLException {
    try (PreparedStatement select = c.prepareStatement(tenant == null ? SINCE_ALL
        : SINCE_TENANT)) {
      int next = 1;
      select.setLong(next++, afterPosition);
      if (tenant != null) {
        select.setString(next++, tenant);
      }
      select.setInt(next, limit);
      List<StoredEvent> events = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(new StoredEvent(rows.getLong(1), StoredJson.event(rows.getString(2))));
        }
      }
      return events;
    }
  }

  static List<ExecutionStore.Change> changes(Connection c, long afterPosition, int limit)
      throws SQLException {
    try (PreparedStatement select = c.prepareStatement(CHANGES)) {
      select.setLong(1, afterPosition);
      select.setInt(2, limit);
      List<ExecutionStore.Change> out = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          out.add(new ExecutionStore.Change(rows.getLong(1), ExecutionId.of(rows.getString(2)),
              rows.getLong(3), rows.getString(4)));
        }
      }
      return out;
    }
  }
}
