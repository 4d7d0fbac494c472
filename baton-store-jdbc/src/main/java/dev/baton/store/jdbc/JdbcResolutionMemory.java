package dev.baton.store.jdbc;

import dev.baton.core.feedback.ResolutionMemory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Remembered answers in the {@code resolutions} table, shared by every process on the database.
 * Thread-safe.
 */
public final class JdbcResolutionMemory implements ResolutionMemory {
  private static final String PUT = "INSERT INTO resolutions (tenant, name, intents, value, label,"
      + " at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, name, intents) DO UPDATE SET"
      + " value = excluded.value, label = excluded.label, at = excluded.at";
  private static final String GET = "SELECT tenant, name, intents, value, label, at FROM"
      + " resolutions WHERE tenant = ? AND name = ? AND intents = ?";
  private static final String LIST = "SELECT tenant, name, intents, value, label, at FROM"
      + " resolutions WHERE tenant = ? ORDER BY at DESC, name";
  private static final String FORGET = "DELETE FROM resolutions WHERE tenant = ? AND name = ?";

  private final Database db;

  private JdbcResolutionMemory(Database db) {
    this.db = db;
  }

  /** The memory in the store's database (migrated with it). */
  public static JdbcResolutionMemory on(JdbcExecutionStore store) {
    return new JdbcResolutionMemory(store.database());
  }

  @Override
  public void remember(Resolution r) {
    db.inTransaction("remember what " + r.name() + " means", s -> {
      PreparedStatement put = s.get(PUT);
      put.setString(1, r.tenant());
      put.setString(2, r.name());
      put.setString(3, r.intents());
      put.setString(4, r.value());
      put.setString(5, r.label());
      put.setString(6, Timestamps.text(r.at()));
      return put.executeUpdate();
    });
  }

  @Override
  public Optional<Resolution> recall(String tenant, String name, String intents) {
    return db.withConnection("recall what " + name + " means", c -> {
      try (PreparedStatement get = c.prepareStatement(GET)) {
        get.setString(1, tenant);
        get.setString(2, name);
        get.setString(3, intents);
        try (ResultSet rows = get.executeQuery()) {
          return rows.next() ? Optional.of(row(rows)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<Resolution> list(String tenant) {
    return db.withConnection("list remembered answers", c -> {
      try (PreparedStatement list = c.prepareStatement(LIST)) {
        list.setString(1, tenant);
        List<Resolution> out = new ArrayList<>();
        try (ResultSet rows = list.executeQuery()) {
          while (rows.next()) {
            out.add(row(rows));
          }
        }
        return out;
      }
    });
  }

  @Override
  public int forget(String tenant, String name) {
    return db.inTransaction("forget what " + name + " means", s -> {
      PreparedStatement forget = s.get(FORGET);
      forget.setString(1, tenant);
      forget.setString(2, name);
      return forget.executeUpdate();
    });
  }

  private static Resolution row(ResultSet r) throws SQLException {
    return new Resolution(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
        r.getString(5), Timestamps.instant(r.getString(6)));
  }
}
