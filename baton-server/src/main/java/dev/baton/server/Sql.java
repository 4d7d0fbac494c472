package dev.baton.server;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The server's own tables (keys, tenants, idempotency keys, webhooks, deliveries) on the store's
 * pool: one statement at a time, each its own transaction; instants as the store writes them
 * (fixed-width UTC text, so text order is time order on SQLite and PostgreSQL alike).
 */
public final class Sql {
  private static final DateTimeFormatter INSTANT = DateTimeFormatter
      .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** Reads one row. */
  @FunctionalInterface
  public interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private final DataSource pool;
  private final boolean sqlite;

  public Sql(DataSource pool, boolean sqlite) {
    this.pool = pool;
    this.sqlite = sqlite;
  }

  public boolean sqlite() {
    return sqlite;
  }

  public static String text(Instant at) {
    return at == null ? null : INSTANT.format(at);
  }

  public static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  /** Runs an insert, update or delete; returns the rows changed. */
  public int update(String sql, Object... args) {
    try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw wrap(e, sql);
    }
  }

  /**
   * Runs an insert; false (nothing written) when it would break a primary key or unique
   * constraint.
   */
  public boolean insertIfAbsent(String sql, Object... args) {
    try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(
        sql + (sqlite ? " ON CONFLICT DO NOTHING" : " ON CONFLICT DO NOTHING"))) {
      bind(s, args);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw wrap(e, sql);
    }
  }

  public <T> List<T> query(String sql, Row<T> row, Object... args) {
    try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      try (ResultSet rs = s.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.read(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw wrap(e, sql);
    }
  }

  public <T> java.util.Optional<T> one(String sql, Row<T> row, Object... args) {
    List<T> rows = query(sql, row, args);
    return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(rows.get(0));
  }

  private static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Instant at) {
        s.setString(i + 1, text(at));
      } else if (a instanceof Integer n) {
        s.setInt(i + 1, n);
      } else if (a instanceof Long n) {
        s.setLong(i + 1, n);
      } else if (a == null) {
        s.setNull(i + 1, java.sql.Types.NULL);
      } else {
        s.setString(i + 1, a.toString());
      }
    }
  }

  private static BatonException wrap(SQLException e, String sql) {
    String state = e.getSQLState();
    boolean busy = e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY");
    return BatonException.builder(busy || (state != null && state.startsWith("08"))
        ? ErrorCode.STORE_UNAVAILABLE : ErrorCode.INTERNAL,
        "database: " + e.getMessage() + " (" + sql.split("\\s+", 3)[0] + ")").cause(e).build();
  }
}
