package dev.baton.server;

import dev.baton.app.BatonApp;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.server.auth.ApiKeyAuthenticator;
import dev.baton.server.auth.ApiKeys;
import dev.baton.server.auth.Authenticator;
import dev.baton.server.auth.LocalKey;
import dev.baton.server.auth.Principal;
import dev.baton.server.auth.RateLimits;
import dev.baton.server.auth.Tenants;
import dev.baton.server.metrics.Metrics;
import dev.baton.server.webhook.Outbox;
import dev.baton.server.webhook.SsrfGuard;
import dev.baton.server.webhook.Webhooks;
import dev.baton.server.stream.EventFeed;
import dev.baton.store.jdbc.JdbcExecutionStore;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton over HTTP ({@code baton serve}): the API under {@code /api/v1}, its OpenAPI document at
 * {@code /openapi.json} and a reference page at {@code /docs}, live streams, Prometheus
 * {@code /metrics}, and whatever the {@link ServerExtension}s on the class path add. Javalin on
 * virtual threads (one per request and per connected stream). Closing it stops accepting
 * requests, ends the live streams and lets requests in flight finish; the {@link BatonApp} is the
 * caller's to close (which drains the engine).
 */
public final class BatonServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatonServer.class);
  /** Paths that need no principal: health, the API's description, its reference page. */
  private static final List<String> PUBLIC = List.of("/api/v1/health", "/api/v1/ready");

  private final Javalin javalin;
  private final ServerContext context;
  private final EventFeed feed;
  private final AutoCloseable subscription;
  private final List<ServerExtension> extensions;
  private final Routes routes;
  private final String localKey;

  private BatonServer(Javalin javalin, ServerContext context, EventFeed feed,
      AutoCloseable subscription, List<ServerExtension> extensions, Routes routes,
      String localKey) {
    this.javalin = javalin;
    this.context = context;
    this.feed = feed;
    this.subscription = subscription;
    this.extensions = extensions;
    this.routes = routes;
    this.localKey = localKey;
  }

  /**
   * Starts the server on {@code app} (which must use a JDBC store: keys and tenants live beside
   * the executions), with the extensions found on the class path.
   */
  public static BatonServer start(BatonApp app, ServerOptions options) {
    List<ServerExtension> found = new ArrayList<>();
    ServiceLoader.load(ServerExtension.class).forEach(found::add);
    return start(app, options, found);
  }

  /** Starts the server with exactly these extensions. */
  public static BatonServer start(BatonApp app, ServerOptions options,
      List<ServerExtension> extensions) {
    if (!(app.store() instanceof JdbcExecutionStore jdbc)) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, "the server needs a SQLite or PostgreSQL"
          + " store");
    }
    Sql sql = new Sql(jdbc.dataSource(), jdbc.onSqlite());
    InstantSource clock = InstantSource.system();
    Tenants tenants = new Tenants(sql, clock);
    ApiKeys keys = new ApiKeys(sql, tenants, clock);
    String localKey = LocalKey.ensure(app.config().home(), keys);
    EventFeed feed = new EventFeed(app.store(), options.pollInterval(), 16_384);
    Metrics metrics = new Metrics(sql, app.store());
    Webhooks webhooks = new Webhooks(sql, clock, new SsrfGuard(options.webhookAllowList()));
    Outbox outbox = new Outbox(sql, webhooks, app.store(), app.engine().processId(),
        options.pollInterval(), options.webhookRetryBase(), ServerOptions.WEBHOOK_MAX_ATTEMPTS,
        clock);
    AutoCloseable subscription = app.engine().subscribe(e -> {
      feed.signal();
      outbox.signal();
      metrics.record(e);
    });
    ServerContext context = new ServerContext(app, keys, tenants, feed, options, sql, metrics,
        webhooks, outbox);
    List<Authenticator> authenticators = new ArrayList<>();
    authenticators.add(new ApiKeyAuthenticator(keys));
    for (ServerExtension x : extensions) {
      authenticators.addAll(x.authenticators(context));
    }
    RateLimits limits = new RateLimits(options.requestsPerMinute());
    Routes[] routes = new Routes[1];
    Javalin javalin = Javalin.create(cfg -> {
      cfg.concurrency.useVirtualThreads = true;
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.maxRequestSize = options.maxBodyBytes();
      cfg.http.compressionStrategy = CompressionStrategy.NONE;
      cfg.http.generateEtags = false;
      cfg.staticFiles.enableWebjars();
      cfg.routes.before(ctx -> {
        checkNoKeyInUrl(ctx);
        long length = ctx.req().getContentLengthLong();
        if (length > options.maxBodyBytes()) {
          throw BatonException.of(ErrorCode.REQUEST_TOO_LARGE, "the body is " + length
              + " bytes; at most " + options.maxBodyBytes() + " are accepted");
        }
        Principal principal = null;
        for (Authenticator a : authenticators) {
          Optional<Principal> p = a.authenticate(ctx);
          if (p.isPresent()) {
            principal = p.get();
            break;
          }
        }
        if (principal != null) {
          ctx.attribute(ServerContext.PRINCIPAL, principal);
          limits.take(principal.rateKey());
        } else if (needsPrincipal(ctx.path())) {
          throw BatonException.of(ErrorCode.AUTH_REQUIRED,
              "this needs an API key: send 'Authorization: Bearer <key>'");
        }
      });
      cfg.routes.exception(BatonException.class, (e, ctx) -> {
        if (e.code() == ErrorCode.AUTH_REQUIRED) {
          ctx.header("WWW-Authenticate", "Bearer");
        }
        if (Problems.status(e.code()) >= 500) {
          LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
        }
        Problems.write(ctx, e);
      });
      cfg.routes.exception(HttpResponseException.class, (e, ctx) -> Problems.write(ctx,
          BatonException.of(e.getStatus() == 413 ? ErrorCode.REQUEST_TOO_LARGE
              : e.getStatus() == 404 ? ErrorCode.NOT_FOUND : e.getStatus() < 500
              ? ErrorCode.REQUEST_INVALID : ErrorCode.INTERNAL, e.getMessage())));
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        Problems.write(ctx, BatonException.of(ErrorCode.INTERNAL, "the server failed", e));
      });
      cfg.routes.error(404, ctx -> {
        if (!isProblem(ctx.res().getContentType())) {
          Problems.write(ctx, BatonException.of(ErrorCode.NOT_FOUND, "no route " + ctx.method()
              + " " + ctx.path()));
        }
      });
      cfg.routes.error(405, ctx -> {
        if (!isProblem(ctx.res().getContentType())) {
          ctx.status(404);
          Problems.write(ctx, BatonException.of(ErrorCode.NOT_FOUND, "no route " + ctx.method()
              + " " + ctx.path()));
        }
      });
      routes[0] = new Routes(cfg, context);
      ApiRoutes.register(routes[0], context);
      WebhookRoutes.register(routes[0], context);
      for (ServerExtension x : extensions) {
        x.configure(cfg, context);
      }
    });
    try {
      javalin.start(options.host(), options.port());
      outbox.start();
    } catch (RuntimeException e) {
      outbox.close();
      feed.close();
      closeQuietly(subscription);
      throw BatonException.of(ErrorCode.CONFIG_INVALID, "cannot listen on " + options.host()
          + ":" + options.port() + ": " + rootMessage(e), e);
    }
    BatonServer server = new BatonServer(javalin, context, feed, subscription,
        List.copyOf(extensions), routes[0], localKey);
    LOG.info("listening on {}", server.uri());
    for (ServerExtension x : extensions) {
      x.started(server.uri());
    }
    return server;
  }

  private static boolean needsPrincipal(String path) {
    return (path.startsWith("/api/") || path.equals("/metrics")) && !PUBLIC.contains(path);
  }

  private static boolean isProblem(String contentType) {
    return contentType != null && contentType.startsWith(Problems.CONTENT_TYPE);
  }

  /** Keys belong in a header: a URL ends up in logs, histories and referrers. */
  private static void checkNoKeyInUrl(io.javalin.http.Context ctx) {
    for (String name : List.of("api_key", "apikey", "key", "token", "access_token")) {
      if (ctx.queryParam(name) != null) {
        throw BatonException.of(ErrorCode.REQUEST_INVALID, "keys are never accepted in URLs;"
            + " send 'Authorization: Bearer <key>' and revoke the key that was sent");
      }
    }
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return String.valueOf(e.getMessage());
  }

  public int port() {
    return javalin.port();
  }

  public URI uri() {
    String host = context.options().host();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  public ServerContext context() {
    return context;
  }

  /** The API's routes as registered (the OpenAPI document is checked against them). */
  public List<Routes.Route> routes() {
    return routes.all();
  }

  /** The admin key of the {@code default} tenant kept in the data folder. */
  public String localAdminKey() {
    return localKey;
  }

  /** Stops accepting, ends live streams, lets requests in flight finish. */
  @Override
  public void close() {
    context.outbox().close();
    feed.close();
    closeQuietly(subscription);
    try {
      javalin.stop();
    } finally {
      for (ServerExtension x : extensions) {
        try {
          x.close();
        } catch (Exception e) {
          LOG.warn("extension {} failed to close", x.name(), e);
        }
      }
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // why: closing a listener registration cannot fail in a way anyone could act on
    }
  }
}
