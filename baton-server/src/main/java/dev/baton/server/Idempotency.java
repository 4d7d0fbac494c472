package dev.baton.server;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ExecutionId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code Idempotency-Key}: the first request with a key reserves it for one execution id (a
 * primary key, so two racing requests cannot both win); a repeat with the same body gets that
 * execution back, a repeat with another body is refused.
 */
final class Idempotency {
  private final Sql sql;
  private final InstantSource clock;

  Idempotency(Sql sql, InstantSource clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /**
   * Reserves {@code key} for {@code id}; empty when reserved now, else the execution an earlier
   * request with the same body started.
   *
   * @throws BatonException IDEMPOTENCY_KEY_REUSED when the earlier request had another body
   */
  Optional<ExecutionId> reserve(String tenant, String key, byte[] body, ExecutionId id) {
    if (key.isBlank() || key.length() > 255) {
      throw BatonException.of(ErrorCode.REQUEST_INVALID, "Idempotency-Key must be 1 to 255"
          + " characters");
    }
    String hash = hash(body);
    if (sql.insertIfAbsent("INSERT INTO idempotency_keys (tenant, idem_key, request_hash,"
        + " execution_id, created_at) VALUES (?, ?, ?, ?, ?)", tenant, key, hash, id.value(),
        clock.instant())) {
      return Optional.empty();
    }
    record Earlier(String hash, String execution) {}
    Earlier earlier = sql.one("SELECT request_hash, execution_id FROM idempotency_keys WHERE"
        + " tenant = ? AND idem_key = ?", rs -> new Earlier(rs.getString(1), rs.getString(2)),
        tenant, key).orElseThrow(() -> BatonException.of(ErrorCode.STORE_CONFLICT,
        "the Idempotency-Key was released meanwhile; try again"));
    if (!earlier.hash().equals(hash)) {
      throw BatonException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used"
          + " for another request; use a new key for a new request");
    }
    return Optional.of(ExecutionId.of(earlier.execution()));
  }

  /** Frees a key whose request failed before anything was stored. */
  void release(String tenant, String key) {
    sql.update("DELETE FROM idempotency_keys WHERE tenant = ? AND idem_key = ?", tenant, key);
  }

  private static String hash(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
