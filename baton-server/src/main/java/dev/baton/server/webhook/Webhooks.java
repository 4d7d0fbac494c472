package dev.baton.server.webhook;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.server.Sql;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The webhooks of each tenant, their secrets, and their delivery log. Thread-safe. */
public final class Webhooks {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A webhook; {@code events} holds event types ({@code StatusChanged}, …) or {@code *}. */
  public record Webhook(String id, String tenant, URI url, Set<String> events, String secret,
      String description, boolean active, long fromPosition, Instant createdAt) {
    public boolean wants(String type) {
      return events.contains("*") || events.contains(type);
    }
  }

  /** One delivery: its id is the {@code webhook-id} header of every attempt. */
  public record Delivery(String id, String webhookId, String tenant, String eventType,
      Long position, String payload, String status, int attempts, Instant nextAttemptAt,
      Integer lastStatus, String lastError, Instant createdAt, Instant deliveredAt) {}

  private final Sql sql;
  private final InstantSource clock;
  private final SsrfGuard guard;

  public Webhooks(Sql sql, InstantSource clock, SsrfGuard guard) {
    this.sql = sql;
    this.clock = clock;
    this.guard = guard;
  }

  public SsrfGuard guard() {
    return guard;
  }

  /**
   * Registers a webhook for events after {@code fromPosition}.
   *
   * @throws BatonException WEBHOOK_TARGET_REFUSED for a target the guard refuses
   */
  public Webhook create(String tenant, URI url, Set<String> events, String description,
      long fromPosition) {
    guard.check(url);
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    Webhook w = new Webhook("wh_" + HexFormat.of().formatHex(id), tenant, url, Set.copyOf(events),
        "whsec_" + Base64.getEncoder().encodeToString(secret), description, true, fromPosition,
        clock.instant());
    sql.update("INSERT INTO webhooks (id, tenant, url, events, secret, description, active,"
        + " from_position, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)", w.id(), tenant,
        url.toString(), String.join(",", new java.util.TreeSet<>(events)), w.secret(),
        description, fromPosition, w.createdAt());
    return w;
  }

  public List<Webhook> list(String tenant) {
    return sql.query(SELECT + " WHERE tenant = ? ORDER BY created_at DESC, id", Webhooks::read,
        tenant);
  }

  /** Every active webhook, of every tenant. */
  public List<Webhook> active() {
    return sql.query(SELECT + " WHERE active = 1", Webhooks::read);
  }

  /** The webhook if it belongs to {@code tenant}. @throws BatonException NOT_FOUND */
  public Webhook get(String tenant, String id) {
    return find(id).filter(w -> w.tenant().equals(tenant)).orElseThrow(() ->
        BatonException.of(ErrorCode.NOT_FOUND, "no webhook '" + id + "'"));
  }

  public Optional<Webhook> find(String id) {
    return sql.one(SELECT + " WHERE id = ?", Webhooks::read, id);
  }

  /** Removes a webhook of {@code tenant}: no more deliveries; its log stays. */
  public void delete(String tenant, String id) {
    get(tenant, id);
    sql.update("UPDATE webhooks SET active = 0 WHERE id = ?", id);
    sql.update("UPDATE webhook_deliveries SET status = 'cancelled' WHERE webhook_id = ? AND"
        + " status = 'pending'", id);
  }

  public List<Delivery> deliveries(String tenant, String webhookId, int limit) {
    get(tenant, webhookId);
    return sql.query(DELIVERY + " WHERE webhook_id = ? ORDER BY created_at DESC, id LIMIT "
        + limit, Webhooks::delivery, webhookId);
  }

  private static final String SELECT = "SELECT id, tenant, url, events, secret, description,"
      + " active, from_position, created_at FROM webhooks";
  static final String DELIVERY = "SELECT id, webhook_id, tenant, event_type, event_position,"
      + " payload, status, attempts, next_attempt_at, last_status, last_error, created_at,"
      + " delivered_at FROM webhook_deliveries";

  private static Webhook read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Webhook(rs.getString(1), rs.getString(2), URI.create(rs.getString(3)),
        Set.copyOf(Arrays.asList(rs.getString(4).split(","))), rs.getString(5), rs.getString(6),
        rs.getInt(7) == 1, rs.getLong(8), Sql.instant(rs.getString(9)));
  }

  static Delivery delivery(java.sql.ResultSet rs) throws java.sql.SQLException {
    long position = rs.getLong(5);
    Long pos = rs.wasNull() ? null : position;
    int last = rs.getInt(10);
    Integer lastStatus = rs.wasNull() ? null : last;
    return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), pos,
        rs.getString(6), rs.getString(7), rs.getInt(8), Sql.instant(rs.getString(9)), lastStatus,
        rs.getString(11), Sql.instant(rs.getString(12)), Sql.instant(rs.getString(13)));
  }
}
