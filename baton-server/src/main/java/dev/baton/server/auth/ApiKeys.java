package dev.baton.server.auth;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.server.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys: made with 256 random bits and shown once ({@code bt_<8 hex>_<43 base64url>}); only
 * the SHA-256 of the whole key is stored, under its visible prefix ({@code bt_<8 hex>}), which
 * names it in listings and logs. A key belongs to one tenant and has one {@link Role}; revoking it
 * takes effect on the next request. Thread-safe.
 */
public final class ApiKeys {
  private static final Pattern KEY = Pattern.compile("bt_([0-9a-f]{8})_([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A key as listed: never its secret. */
  public record KeyInfo(String id, String tenant, String name, Role role, Instant createdAt,
      Instant revokedAt, Instant lastUsedAt) {
    public boolean active() {
      return revokedAt == null;
    }
  }

  /** A key just made: {@code secret} is the only time the whole key is seen. */
  public record NewKey(KeyInfo info, String secret) {
    @Override
    public String toString() {
      return "NewKey[" + info.id() + "]";
    }
  }

  private final Sql sql;
  private final Tenants tenants;
  private final InstantSource clock;

  public ApiKeys(Sql sql, Tenants tenants, InstantSource clock) {
    this.sql = sql;
    this.tenants = tenants;
    this.clock = clock;
  }

  /** Makes a key for {@code tenant} (created if new) with {@code role}. */
  public NewKey create(String tenant, String name, Role role) {
    tenants.ensure(tenant);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    byte[] prefix = new byte[4];
    RANDOM.nextBytes(prefix);
    String id = "bt_" + HexFormat.of().formatHex(prefix);
    String key = id + "_" + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(secret);
    Instant now = clock.instant();
    sql.update("INSERT INTO api_keys (id, tenant, name, role, hash, created_at) VALUES"
        + " (?, ?, ?, ?, ?, ?)", id, tenant, name == null ? "" : name, role.name(), hash(key), now);
    return new NewKey(new KeyInfo(id, tenant, name == null ? "" : name, role, now, null, null),
        key);
  }

  /**
   * Who {@code key} is: empty when it has no key's shape, is unknown, wrong or revoked. Compared
   * in constant time.
   */
  public Optional<KeyInfo> verify(String key) {
    if (key == null) {
      return Optional.empty();
    }
    var m = KEY.matcher(key.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    String id = "bt_" + m.group(1);
    record Stored(KeyInfo info, String hash) {}
    Optional<Stored> stored = sql.one("SELECT id, tenant, name, role, created_at, revoked_at,"
        + " last_used_at, hash FROM api_keys WHERE id = ?", rs -> new Stored(info(rs),
        rs.getString(8)), id);
    if (stored.isEmpty() || !MessageDigest.isEqual(
        stored.get().hash().getBytes(StandardCharsets.US_ASCII),
        hash(key.trim()).getBytes(StandardCharsets.US_ASCII))
        || !stored.get().info().active()) {
      return Optional.empty();
    }
    return Optional.of(stored.get().info());
  }

  /** Whether the key with this id exists and is not revoked. */
  public boolean active(String id) {
    return sql.one("SELECT id, tenant, name, role, created_at, revoked_at, last_used_at"
        + " FROM api_keys WHERE id = ?", ApiKeys::info, id).map(KeyInfo::active).orElse(false);
  }

  /** The keys of a tenant, newest first, revoked ones included. */
  public List<KeyInfo> list(String tenant) {
    return sql.query("SELECT id, tenant, name, role, created_at, revoked_at, last_used_at"
        + " FROM api_keys WHERE tenant = ? ORDER BY created_at DESC, id", ApiKeys::info, tenant);
  }

  /** The key with this prefix in {@code tenant}, if any. */
  public Optional<KeyInfo> find(String tenant, String id) {
    return sql.one("SELECT id, tenant, name, role, created_at, revoked_at, last_used_at"
        + " FROM api_keys WHERE tenant = ? AND id = ?", ApiKeys::info, tenant, id);
  }

  /**
   * Revokes a key of {@code tenant}.
   *
   * @throws BatonException NOT_FOUND when the tenant has no such key
   */
  public KeyInfo revoke(String tenant, String id) {
    KeyInfo k = find(tenant, id).orElseThrow(() -> BatonException.of(ErrorCode.NOT_FOUND,
        "no key '" + id + "'"));
    if (k.active()) {
      sql.update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
          clock.instant(), id);
    }
    return find(tenant, id).orElseThrow();
  }

  private static KeyInfo info(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new KeyInfo(rs.getString(1), rs.getString(2), rs.getString(3),
        Role.valueOf(rs.getString(4)), Sql.instant(rs.getString(5)), Sql.instant(rs.getString(6)),
        Sql.instant(rs.getString(7)));
  }

  static String hash(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
