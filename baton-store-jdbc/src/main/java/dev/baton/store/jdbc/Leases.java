package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ExecutionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases kept on the executions row (lease_owner, lease_until). Each change is one conditional
 * UPDATE, so two processes claiming at once cannot both win.
 */
final class Leases {
  private static final String CLAIM = "UPDATE executions SET lease_owner = ?, lease_until = ?"
      + " WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until <= ?)";
  private static final String EXISTS = "SELECT 1 FROM executions WHERE id = ?";
  private static final String RELEASE = "UPDATE executions SET lease_owner = NULL,"
      + " lease_until = NULL WHERE id = ? AND lease_owner = ?";
  private static final String HOLDER =
      "SELECT lease_owner FROM executions WHERE id = ? AND lease_until > ?";

  private Leases() {}

  /**
   * Takes or renews the lease for {@code owner} until {@code now + ttl}.
   *
   * @throws BatonException EXECUTION_NOT_FOUND if the execution has no events yet: the lease lives
   *     on its row
   */
  static boolean claim(Connection c, ExecutionId id, String owner, Instant now, Duration ttl)
      throws SQLException {
    try (PreparedStatement update = c.prepareStatement(CLAIM)) {
      update.setString(1, owner);
      update.setString(2, Timestamps.text(now.plus(ttl)));
      update.setString(3, id.value());
      update.setString(4, owner);
      update.setString(5, Timestamps.text(now));
      if (update.executeUpdate() == 1) {
        return true;
      }
    }
    if (!exists(c, id)) {
      throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND,
          "cannot lease execution '" + id + "': it has no events yet");
    }
    return false;
  }

  static void release(Connection c, ExecutionId id, String owner) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(RELEASE)) {
      update.setString(1, id.value());
      update.setString(2, owner);
      update.executeUpdate();
    }
  }

  static Optional<String> holder(Connection c, ExecutionId id, Instant now) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(HOLDER)) {
      select.setString(1, id.value());
      select.setString(2, Timestamps.text(now));
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
      }
    }
  }

  private static boolean exists(Connection c, ExecutionId id) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(EXISTS)) {
      select.setString(1, id.value());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }
}
