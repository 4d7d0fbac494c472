package dev.baton.store.jdbc;

import dev.baton.core.port.ResultCache;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The result cache in the cache table, shared by every process on the database. An entry past its
 * expiry is never returned; expired rows are swept on each put. Thread-safe.
 */
final class JdbcResultCache implements ResultCache {
  private static final String GET = "SELECT value FROM cache WHERE key = ? AND expires_at > ?";
  private static final String SWEEP = "DELETE FROM cache WHERE expires_at <= ?";
  private static final String PUT = "INSERT INTO cache (key, value, expires_at) VALUES (?, ?, ?)"
      + " ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at";

  private final Database db;
  private final InstantSource clock;

  JdbcResultCache(Database db, InstantSource clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Optional<JsonNode> get(String key) {
    return db.withConnection("read cache entry", c -> {
      try (PreparedStatement select = c.prepareStatement(GET)) {
        select.setString(1, key);
        select.setString(2, Timestamps.text(clock.instant()));
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(StoredJson.node(rows.getString(1))) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void put(String key, JsonNode value, Duration ttl) {
    Instant now = clock.instant();
    db.inTransaction("write cache entry", s -> {
      PreparedStatement sweep = s.get(SWEEP);
      sweep.setString(1, Timestamps.text(now));
      sweep.executeUpdate();
      PreparedStatement put = s.get(PUT);
      put.setString(1, key);
      put.setString(2, StoredJson.write(value));
      put.setString(3, Timestamps.text(now.plus(ttl)));
      return put.executeUpdate();
    });
  }
}
