package dev.baton.store.jdbc;

import dev.baton.core.port.ToolAllowances;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Tool allowances in the {@code tool_allowances} table, shared by every process on the database. */
final class JdbcToolAllowances implements ToolAllowances {
  private static final String PUT = "INSERT INTO tool_allowances (tool, digest, allowed_by,"
      + " allowed_at) VALUES (?, ?, ?, ?) ON CONFLICT (tool) DO UPDATE SET digest = excluded.digest,"
      + " allowed_by = excluded.allowed_by, allowed_at = excluded.allowed_at";
  private static final String DELETE = "DELETE FROM tool_allowances WHERE tool = ?";
  private static final String SELECT = "SELECT tool, digest, allowed_by, allowed_at"
      + " FROM tool_allowances";

  private final Database db;

  JdbcToolAllowances(Database db) {
    this.db = db;
  }

  @Override
  public void allow(Allowance a) {
    db.withConnection("allow tool " + a.tool(), c -> {
      try (PreparedStatement put = c.prepareStatement(PUT)) {
        put.setString(1, a.tool());
        put.setString(2, a.digest());
        put.setString(3, a.by());
        put.setString(4, Timestamps.text(a.at()));
        return put.executeUpdate();
      }
    });
  }

  @Override
  public boolean revoke(String tool) {
    return db.withConnection("revoke tool " + tool, c -> {
      try (PreparedStatement delete = c.prepareStatement(DELETE)) {
        delete.setString(1, tool);
        return delete.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Optional<Allowance> find(String tool) {
    return db.withConnection("read allowance of " + tool, c -> {
      try (PreparedStatement select = c.prepareStatement(SELECT + " WHERE tool = ?")) {
        select.setString(1, tool);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(row(rows)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Map<String, Allowance> all() {
    return db.withConnection("read tool allowances", c -> {
      Map<String, Allowance> out = new TreeMap<>();
      try (PreparedStatement select = c.prepareStatement(SELECT);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Allowance a = row(rows);
          out.put(a.tool(), a);
        }
      }
      return out;
    });
  }

  private static Allowance row(ResultSet rows) throws SQLException {
    return new Allowance(rows.getString(1), rows.getString(2), rows.getString(3),
        Timestamps.instant(rows.getString(4)));
  }
}
