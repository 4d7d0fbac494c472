package dev.baton.server;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.json.Json;
import dev.baton.server.auth.Principal;
import dev.baton.server.auth.Role;
import dev.baton.server.webhook.Webhooks;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Webhooks of the caller's tenant (admin): register, list, one, remove, deliveries, test. */
final class WebhookRoutes {
  private static final String BASE = ApiRoutes.V1 + "/webhooks";

  private final ServerContext context;

  private WebhookRoutes(ServerContext context) {
    this.context = context;
  }

  static void register(Routes r, ServerContext context) {
    WebhookRoutes w = new WebhookRoutes(context);
    r.add(GET, BASE, Role.ADMIN, w::list);
    r.add(POST, BASE, Role.ADMIN, w::create);
    r.add(GET, BASE + "/{id}", Role.ADMIN, w::get);
    r.add(DELETE, BASE + "/{id}", Role.ADMIN, w::delete);
    r.add(GET, BASE + "/{id}/deliveries", Role.ADMIN, w::deliveries);
    r.add(POST, BASE + "/{id}/test", Role.ADMIN, w::test);
  }

  private void list(Context ctx, Principal p) {
    ArrayNode items = Json.mapper().createArrayNode();
    context.webhooks().list(p.tenant()).forEach(h -> items.add(view(h, false)));
    ApiRoutes.json(ctx, 200, Json.object().set("items", items));
  }

  private void create(Context ctx, Principal p) {
    Body body = Body.read(ctx, Set.of("url", "events", "description"));
    String url = body.requiredText("url");
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw Body.located("url", "is not a URL");
    }
    Set<String> events = new LinkedHashSet<>();
    JsonNode list = body.get("events");
    if (list == null) {
      events.add("*");
    } else if (!list.isArray() || list.isEmpty()) {
      throw Body.located("events", "must be a non-empty list of event types, or [\"*\"]");
    } else {
      for (int i = 0; i < list.size(); i++) {
        JsonNode e = list.get(i);
        if (!e.isString() || !(e.asString().equals("*") || EVENT_TYPES.contains(e.asString()))) {
          throw BatonException.invalid(ErrorCode.REQUEST_INVALID, "The request body is invalid:",
              List.of(new Problem("/events/" + i, "unknown event type; one of " + EVENT_TYPES
                  + " or *")));
        }
        events.add(e.asString());
      }
    }
    Webhooks.Webhook h = context.webhooks().create(p.tenant(), uri, events,
        body.text("description"), context.app().store().lastPosition());
    ctx.header("Location", BASE + "/" + h.id());
    ctx.header("Cache-Control", "no-store");
    ApiRoutes.json(ctx, 201, view(h, true));
  }

  private void get(Context ctx, Principal p) {
    ApiRoutes.json(ctx, 200, view(context.webhooks().get(p.tenant(), ctx.pathParam("id")),
        false));
  }

  private void delete(Context ctx, Principal p) {
    context.webhooks().delete(p.tenant(), ctx.pathParam("id"));
    ctx.status(204);
  }

  private void deliveries(Context ctx, Principal p) {
    ArrayNode items = Json.mapper().createArrayNode();
    for (Webhooks.Delivery d : context.webhooks().deliveries(p.tenant(), ctx.pathParam("id"),
        ApiRoutes.limit(ctx, 50))) {
      ObjectNode o = items.addObject().put("id", d.id()).put("eventType", d.eventType())
          .put("status", d.status()).put("attempts", d.attempts())
          .put("createdAt", Views.time(d.createdAt()))
          .put("nextAttemptAt", Views.time(d.nextAttemptAt()))
          .put("deliveredAt", Views.time(d.deliveredAt())).put("lastError", d.lastError());
      if (d.position() != null) {
        o.put("position", d.position());
      }
      if (d.lastStatus() != null) {
        o.put("lastStatus", d.lastStatus());
      }
    }
    ApiRoutes.json(ctx, 200, Json.object().set("items", items));
  }

  private void test(Context ctx, Principal p) {
    Webhooks.Webhook h = context.webhooks().get(p.tenant(), ctx.pathParam("id"));
    String id = context.outbox().test(h);
    ApiRoutes.json(ctx, 202, Json.object().put("delivery", id));
  }

  /** The secret is shown when the webhook is made, and never again. */
  private static ObjectNode view(Webhooks.Webhook h, boolean withSecret) {
    ObjectNode o = Json.object().put("id", h.id()).put("url", h.url().toString())
        .put("description", h.description()).put("active", h.active())
        .put("createdAt", Views.time(h.createdAt()));
    ArrayNode events = o.putArray("events");
    new java.util.TreeSet<>(h.events()).forEach(events::add);
    if (withSecret) {
      o.put("secret", h.secret());
    }
    return o;
  }

  static final Set<String> EVENT_TYPES = eventTypes();

  private static Set<String> eventTypes() {
    Set<String> out = new java.util.TreeSet<>();
    for (Class<?> c : dev.baton.core.exec.Event.class.getPermittedSubclasses()) {
      out.add(c.getSimpleName());
    }
    return Set.copyOf(out);
  }
}
