package dev.baton.server;

import dev.baton.server.auth.Principal;
import dev.baton.server.auth.Role;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * The API's routes as registered, each with the role it needs (null: public), so the OpenAPI
 * document can be checked against what the server really answers.
 */
public final class Routes {
  /** A handler that knows who is asking. */
  @FunctionalInterface
  public interface Handler {
    void handle(Context ctx, Principal principal) throws Exception;
  }

  /** One registered route: method and path (with {@code {param}}s, as in OpenAPI). */
  public record Route(String method, String path, Role role) {}

  private final JavalinConfig config;
  private final ServerContext context;
  private final List<Route> routes = new ArrayList<>();

  Routes(JavalinConfig config, ServerContext context) {
    this.config = config;
    this.context = context;
  }

  /** A route that needs {@code role} (null: anyone, signed in or not). */
  public void add(HandlerType method, String path, Role role, Handler handler) {
    routes.add(new Route(method.name(), path, role));
    config.routes.addHttpHandler(method, path, ctx -> {
      Principal p = role == null ? context.optionalPrincipal(ctx).orElse(null)
          : context.require(ctx, role);
      handler.handle(ctx, p);
    });
  }

  public List<Route> all() {
    return List.copyOf(routes);
  }
}
