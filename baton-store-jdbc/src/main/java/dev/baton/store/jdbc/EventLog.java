package dev.baton.store.jdbc;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.port.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The events table: each event as JSON (with its "type") under its execution and seq. */
final class EventLog {
  private static final String LAST_SEQ = "SELECT last_seq FROM executions WHERE id = ?";
  private static final String INSERT = "INSERT INTO events (execution_id, seq, type, at, payload,"
      + " position) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String LAST_POSITION = "SELECT coalesce(max(position), 0) FROM events";
  // why: serialises appends on PostgreSQL until commit, so positions are taken in commit order
  // and a reader never sees a later position before an earlier one
  private static final String POSITION_LOCK = "SELECT pg_advisory_xact_lock(7420170001)";
  private static final String SINCE_ALL = "SELECT position, payload FROM events"
      + " WHERE position > ? ORDER BY position LIMIT ?";
  private static final String SINCE_TENANT = "SELECT ev.position, ev.payload FROM events ev"
      + " JOIN executions ex ON ex.id = ev.execution_id"
      + " WHERE ev.position > ? AND ex.tenant = ? ORDER BY ev.position LIMIT ?";
  private static final String READ = "SELECT payload FROM events"
      + " WHERE execution_id = ? AND seq > ? AND seq <= ? ORDER BY seq";

  private EventLog() {}

  /** The seq of the execution's last stored event; 0 if it has none. */
  static long lastSeq(Connection c, ExecutionId id) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(LAST_SEQ)) {
      select.setString(1, id.value());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  /** {@link #lastSeq(Connection, ExecutionId)} with a statement of {@code s}. */
  static long lastSeq(Statements s, ExecutionId id) throws SQLException {
    PreparedStatement select = s.get(LAST_SEQ);
    select.setString(1, id.value());
    try (ResultSet rows = select.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  /**
   * Inserts the events in one batch (one multi-row insert on PostgreSQL). A seq that is already
   * taken fails the batch with a unique-key violation, which {@link SqlErrors} reports as
   * STORE_CONFLICT.
   */
  static void insert(Statements s, List<Event> events, boolean sqlite) throws SQLException {
    if (!sqlite) {
      s.get(POSITION_LOCK).execute();
    }
    long position = lastPosition(s.get(LAST_POSITION));
    PreparedStatement insert = s.get(INSERT);
    for (Event e : events) {
      insert.setLong(6, ++position);
      insert.setString(1, e.execution().value());
      insert.setLong(2, e.seq());
      insert.setString(3, e.getClass().getSimpleName());
      insert.setString(4, Timestamps.text(e.at()));
      insert.setString(5, StoredJson.event(e));
      insert.addBatch();
    }
    insert.executeBatch();
  }

  private static long lastPosition(PreparedStatement select) throws SQLException {
    try (ResultSet rows = select.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  static long lastPosition(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(LAST_POSITION)) {
      return lastPosition(select);
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

  /** The events with {@code afterSeq < seq <= upToSeq}, in order. */
  static List<Event> read(Connection c, ExecutionId id, long afterSeq, long upToSeq)
      throws SQLException {
    try (PreparedStatement select = c.prepareStatement(READ)) {
      select.setString(1, id.value());
      select.setLong(2, afterSeq);
      select.setLong(3, upToSeq);
      List<Event> events = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(StoredJson.event(rows.getString(1)));
        }
      }
      return events;
    }
  }
}
