package dev.baton.server;

import dev.baton.app.BatonApp;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.server.auth.ApiKeys;
import dev.baton.server.auth.Principal;
import dev.baton.server.auth.Role;
import dev.baton.server.auth.Tenants;
import dev.baton.server.metrics.Metrics;
import dev.baton.server.webhook.Outbox;
import dev.baton.server.webhook.Webhooks;
import dev.baton.server.stream.EventFeed;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * What the server shares with its routes and its {@link ServerExtension}s: the assembled Baton,
 * keys, tenants, the live event feed, and who the current request is.
 */
public final class ServerContext {
  static final String PRINCIPAL = "baton.principal";

  private final BatonApp app;
  private final ApiKeys keys;
  private final Tenants tenants;
  private final EventFeed events;
  private final ServerOptions options;
  private final Sql sql;
  private final Metrics metrics;
  private final Webhooks webhooks;
  private final Outbox outbox;

  ServerContext(BatonApp app, ApiKeys keys, Tenants tenants, EventFeed events,
      ServerOptions options, Sql sql, Metrics metrics, Webhooks webhooks, Outbox outbox) {
    this.metrics = metrics;
    this.webhooks = webhooks;
    this.outbox = outbox;
    this.app = app;
    this.keys = keys;
    this.tenants = tenants;
    this.events = events;
    this.options = options;
    this.sql = sql;
  }

  public BatonApp app() {
    return app;
  }

  public ApiKeys keys() {
    return keys;
  }

  public Tenants tenants() {
    return tenants;
  }

  /** Every committed event in position order, for live views (see {@link EventFeed}). */
  public EventFeed events() {
    return events;
  }

  public ServerOptions options() {
    return options;
  }

  /** The Prometheus registry (an extension may add its own meters through it). */
  public Metrics metrics() {
    return metrics;
  }

  public Webhooks webhooks() {
    return webhooks;
  }

  /** The webhooks' outbox (a test delivery goes through it). */
  public Outbox outbox() {
    return outbox;
  }

  /** The server's tables on the store's pool. */
  public Sql sql() {
    return sql;
  }

  /** Who the request is, if any authenticator recognised it. */
  public Optional<Principal> optionalPrincipal(Context ctx) {
    return Optional.ofNullable(ctx.attribute(PRINCIPAL));
  }

  /** Who the request is. @throws BatonException AUTH_REQUIRED when nobody signed in */
  public Principal principal(Context ctx) {
    return optionalPrincipal(ctx).orElseThrow(() -> BatonException.of(ErrorCode.AUTH_REQUIRED,
        "this needs an API key: send 'Authorization: Bearer <key>'"));
  }

  /** Who the request is, if its role allows {@code needed}. @throws BatonException AUTH_* */
  public Principal require(Context ctx, Role needed) {
    Principal p = principal(ctx);
    p.require(needed);
    return p;
  }
}
