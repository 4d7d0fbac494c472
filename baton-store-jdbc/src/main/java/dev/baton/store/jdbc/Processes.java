package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.port.ExecutionStore.Claimed;
import dev.baton.core.port.ProcessLease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which process holds which execution: one row per process (renewed by its heartbeat), and the
 * holder's id on each executions row. An execution is free when its holder has no row that is
 * alive; every take is one conditional UPDATE, so two processes cannot both win.
 */
final class Processes {
  private static final String LIVE_HOLDER = "EXISTS (SELECT 1 FROM processes p"
      + " WHERE p.id = executions.lease_owner AND p.until > ?)";
  private static final String READ = "SELECT until FROM processes WHERE id = ?";
  private static final String UPSERT = "INSERT INTO processes (id, host, pid, started_at, until)"
      + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET host = excluded.host,"
      + " pid = excluded.pid, started_at = excluded.started_at, until = excluded.until";
  private static final String RETIRE = "DELETE FROM processes WHERE id = ?";
  private static final String ALL = "SELECT id, host, pid, started_at, until FROM processes"
      + " ORDER BY id";
  private static final String CLAIM = "UPDATE executions SET lease_owner = ? WHERE id = ?"
      + " AND (lease_owner IS NULL OR lease_owner = ? OR NOT " + LIVE_HOLDER + ")";
  private static final String EXISTS = "SELECT 1 FROM executions WHERE id = ?";
  private static final String ORPHANS = "SELECT id, status FROM executions"
      + " WHERE status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')"
      + " AND (lease_owner IS NULL OR (lease_owner <> ? AND NOT " + LIVE_HOLDER + "))"
      + " ORDER BY created_at, id LIMIT ?";
  private static final String RELEASE = "UPDATE executions SET lease_owner = NULL"
      + " WHERE id = ? AND lease_owner = ?";
  private static final String HOLDER = "SELECT p.id, p.host, p.pid, p.started_at, p.until"
      + " FROM executions e JOIN processes p ON p.id = e.lease_owner WHERE e.id = ?"
      + " AND p.until > ?";
  private static final String NEXT_APPROVAL = "SELECT execution_id, min(expires_at)"
      + " FROM approvals WHERE status = 'PENDING' AND escalated = 0 AND expires_at IS NOT NULL"
      + " AND execution_id IN (%s) GROUP BY execution_id";
  private static final String NEXT_QUESTION = "SELECT execution_id, min(expires_at)"
      + " FROM questions WHERE status = 'PENDING' AND escalated = 0 AND expires_at IS NOT NULL"
      + " AND execution_id IN (%s) GROUP BY execution_id";

  private Processes() {}

  /** Renews (or creates) the row; true if the process was alive at {@code now} before. */
  static boolean heartbeat(Connection c, ProcessLease p, Instant now) throws SQLException {
    boolean wasAlive;
    try (PreparedStatement read = c.prepareStatement(READ)) {
      read.setString(1, p.id());
      try (ResultSet rows = read.executeQuery()) {
        wasAlive = rows.next() && Timestamps.instant(rows.getString(1)).isAfter(now);
      }
    }
    try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
      upsert.setString(1, p.id());
      upsert.setString(2, p.host());
      upsert.setLong(3, p.pid());
      upsert.setString(4, Timestamps.text(p.started()));
      upsert.setString(5, Timestamps.text(p.until()));
      upsert.executeUpdate();
    }
    return wasAlive;
  }

  static void retire(Connection c, String id) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement(RETIRE)) {
      delete.setString(1, id);
      delete.executeUpdate();
    }
  }

  static List<ProcessLease> all(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(ALL);
        ResultSet rows = select.executeQuery()) {
      List<ProcessLease> out = new ArrayList<>();
      while (rows.next()) {
        out.add(lease(rows));
      }
      return out;
    }
  }

  /** @throws BatonException EXECUTION_NOT_FOUND if the execution has no row (no events yet) */
  static boolean claim(Connection c, ExecutionId id, String process, Instant now)
      throws SQLException {
    try (PreparedStatement update = c.prepareStatement(CLAIM)) {
      update.setString(1, process);
      update.setString(2, id.value());
      update.setString(3, process);
      update.setString(4, Timestamps.text(now));
      if (update.executeUpdate() == 1) {
        return true;
      }
    }
    try (PreparedStatement select = c.prepareStatement(EXISTS)) {
      select.setString(1, id.value());
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "no execution with id '" + id
              + "'");
        }
      }
    }
    return false;
  }

  /** Takes up to {@code limit} orphans for {@code process}, in one transaction of the caller. */
  static List<Claimed> claimOrphans(Statements s, String process, Instant now, int limit)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    Map<String, ExecutionStatus> statuses = new HashMap<>();
    PreparedStatement select = s.get(ORPHANS);
    select.setString(1, process);
    select.setString(2, Timestamps.text(now));
    select.setInt(3, limit);
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getString(1));
        statuses.put(rows.getString(1), ExecutionStatus.valueOf(rows.getString(2)));
      }
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> taken = new ArrayList<>();
    PreparedStatement update = s.get(CLAIM);
    for (String id : ids) {
      update.setString(1, process);
      update.setString(2, id);
      update.setString(3, process);
      update.setString(4, Timestamps.text(now));
      if (update.executeUpdate() == 1) {
        taken.add(id);
      }
    }
    Map<String, Instant> wake = new HashMap<>();
    String in = "?, ".repeat(taken.size() - 1) + "?";
    for (String sql : List.of(NEXT_APPROVAL, NEXT_QUESTION)) {
      try (PreparedStatement next = s.connection().prepareStatement(String.format(sql, in))) {
        for (int i = 0; i < taken.size(); i++) {
          next.setString(i + 1, taken.get(i));
        }
        try (ResultSet rows = next.executeQuery()) {
          while (rows.next()) {
            Instant at = Timestamps.instant(rows.getString(2));
            wake.merge(rows.getString(1), at, (a, b) -> a.isBefore(b) ? a : b);
          }
        }
      }
    }
    List<Claimed> out = new ArrayList<>(taken.size());
    for (String id : taken) {
      out.add(new Claimed(ExecutionId.of(id), statuses.get(id), wake.get(id)));
    }
    return out;
  }

  static void release(Connection c, ExecutionId id, String process) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(RELEASE)) {
      update.setString(1, id.value());
      update.setString(2, process);
      update.executeUpdate();
    }
  }

  static Optional<ProcessLease> holder(Connection c, ExecutionId id, Instant now)
      throws SQLException {
    try (PreparedStatement select = c.prepareStatement(HOLDER)) {
      select.setString(1, id.value());
      select.setString(2, Timestamps.text(now));
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(lease(rows)) : Optional.empty();
      }
    }
  }

  private static ProcessLease lease(ResultSet rows) throws SQLException {
    return new ProcessLease(rows.getString(1), rows.getString(2), rows.getLong(3),
        Timestamps.instant(rows.getString(4)), Timestamps.instant(rows.getString(5)));
  }
}
