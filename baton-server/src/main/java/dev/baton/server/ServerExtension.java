package dev.baton.server;

import dev.baton.server.auth.Authenticator;
import io.javalin.config.JavalinConfig;
import java.util.List;

/**
 * A module that adds to the server (the dashboard does): its own routes and static files, and
 * ways to sign in besides API keys (a session cookie). Found with {@link java.util.ServiceLoader}:
 * list the implementation in {@code META-INF/services/dev.baton.server.ServerExtension}. The
 * server calls {@link #authenticators} and then {@link #configure} once, before it starts, and
 * {@link #close} when it stops.
 *
 * <p>Paths under {@code /api/} require a principal (an API key, or an extension's
 * authenticator); other paths are the extension's to guard with {@link ServerContext#principal}
 * or {@link ServerContext#optionalPrincipal}. The API's paths ({@code /api/v1/…},
 * {@code /openapi.json}, {@code /docs}, {@code /metrics}) are the server's.
 */
public interface ServerExtension extends AutoCloseable {
  /** A short name for logs. */
  String name();

  /** Authenticators asked after the API-key one (which only answers to a bearer key). */
  default List<Authenticator> authenticators(ServerContext context) {
    return List.of();
  }

  /** Adds routes, static files, filters: {@code config.routes.get(...)}, {@code config.staticFiles}. */
  void configure(JavalinConfig config, ServerContext context);

  /**
   * Called once the server listens at {@code uri} (its real port, when 0 was asked for): the
   * dashboard prints its one-time sign-in link here.
   */
  default void started(java.net.URI uri) {}

  @Override
  default void close() {}
}
