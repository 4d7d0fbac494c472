package dev.baton.dashboard;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.server.ServerContext;
import dev.baton.server.ServerExtension;
import dev.baton.server.auth.ApiKeys;
import dev.baton.server.auth.Authenticator;
import dev.baton.server.auth.Principal;
import dev.baton.server.auth.Role;
import dev.baton.server.webhook.Webhooks;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard as an extension of Baton's server ({@code baton serve}): its pages under
 * {@code /ui}, API keys pasted into its login page checked by the server's keys, keys managed from
 * its settings page, a session cookie accepted by the API for reading (and for changes carrying
 * the session's {@code X-CSRF-Token}), and, once the server listens, a one-time sign-in link for
 * the local administrator printed on standard output.
 */
public final class DashboardExtension implements ServerExtension {
  private Dashboard dashboard;

  @Override
  public String name() {
    return "dashboard";
  }

  @Override
  public List<Authenticator> authenticators(ServerContext context) {
    return List.of(ctx -> {
      // why: the pages guard themselves; the API takes the cookie only where a form token is
      // not needed (reading) or is sent, so another site cannot make a signed-in browser act
      if (dashboard == null || !ctx.path().startsWith("/api/")) {
        return Optional.empty();
      }
      var session = dashboard.access().session(ctx.cookie(Access.COOKIE), Instant.now());
      if (session.isEmpty()) {
        return Optional.empty();
      }
      boolean reading = ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD");
      if (!reading && !session.get().csrf().equals(ctx.header("X-CSRF-Token"))) {
        return Optional.empty();
      }
      var u = session.get().user();
      return Optional.of(new Principal(u.tenant(), Role.valueOf(u.role().name()), u.name(),
          "session:" + Integer.toHexString(session.get().id().hashCode())));
    });
  }

  @Override
  public void configure(JavalinConfig config, ServerContext context) {
    ApiKeys keys = context.keys();
    Access.KeyCheck check = new Access.KeyCheck() {
      @Override
      public java.util.Optional<Access.KeyHolder> check(String key) {
        return keys.verify(key).filter(ApiKeys.KeyInfo::active)
            .map(k -> new Access.KeyHolder(new Access.User(k.name() + " (" + k.id() + ")",
                k.tenant(), Access.Role.valueOf(k.role().name())), k.id()));
      }

      @Override
      public boolean active(String keyId) {
        return keys.active(keyId);
      }
    };
    dashboard = new Dashboard(context.app(), check, context.app().feedback(), new ServerSettings(keys,
        context));
    dashboard.configure(config);
  }

  /** The dashboard, once configured (tests sign in through it). */
  public Dashboard dashboard() {
    return dashboard;
  }

  @Override
  public void started(URI uri) {
    String base = "http://127.0.0.1:" + uri.getPort();
    System.out.println("Dashboard: open " + dashboard.loginLink(base, dashboard.localAdmin())
        + " (a one-time sign-in link; or paste an API key on " + base + "/ui/login)");
    System.out.flush();
  }

  @Override
  public void close() {
    if (dashboard != null) {
      dashboard.close();
    }
  }

  /** Keys and webhooks from the server's stores; a test delivery through its outbox. */
  record ServerSettings(ApiKeys keys, ServerContext context) implements Dashboard.Settings {
    /** Event types a webhook may ask for: the engine's event kinds. */
    static final List<String> EVENT_TYPES = java.util.Arrays.stream(
        dev.baton.core.exec.Event.class.getPermittedSubclasses()).map(Class::getSimpleName)
        .sorted().toList();

    @Override
    public List<Key> keys(String tenant) {
      return keys.list(tenant).stream().filter(ApiKeys.KeyInfo::active)
          .map(k -> new Key(k.id(), k.name(), k.id(), k.role().wire(), k.createdAt())).toList();
    }

    @Override
    public String createKey(String tenant, String name, String role) {
      return keys.create(tenant, name == null || name.isBlank() ? "dashboard" : name.strip(),
          Role.parse(role)).secret();
    }

    @Override
    public void revokeKey(String tenant, String id) {
      keys.revoke(tenant, id);
    }

    @Override
    public boolean webhooks() {
      return context.webhooks() != null && context.outbox() != null;
    }

    @Override
    public List<String> eventTypes() {
      return EVENT_TYPES;
    }

    @Override
    public List<Webhook> webhooks(String tenant) {
      var hooks = context.webhooks();
      return hooks.list(tenant).stream().filter(Webhooks.Webhook::active).map(h -> {
        String last = hooks.deliveries(tenant, h.id(), 1).stream().findFirst()
            .map(d -> d.eventType() + ": " + d.status()
                + (d.lastStatus() == null ? "" : " (" + d.lastStatus() + ")"))
            .orElse("");
        return new Webhook(h.id(), h.url().toString(),
            String.join(", ", new java.util.TreeSet<>(h.events())), last);
      }).toList();
    }

    /**
     * Adds a webhook for the events after now: {@code events} is a list of event types separated
     * by commas or spaces, empty (or {@code *}) for all.
     *
     * @throws BatonException REQUEST_INVALID for a malformed URL or an unknown event type;
     *     WEBHOOK_TARGET_REFUSED for a target the server's guard refuses
     */
    @Override
    public String addWebhook(String tenant, String url, String events) {
      URI uri;
      try {
        uri = new URI(url == null ? "" : url.strip());
      } catch (java.net.URISyntaxException e) {
        throw BatonException.of(ErrorCode.REQUEST_INVALID, "'" + url + "' is not a URL");
      }
      java.util.Set<String> wanted = new java.util.TreeSet<>();
      for (String e : (events == null ? "" : events).split("[,\\s]+")) {
        if (e.isEmpty()) {
          continue;
        }
        if (!e.equals("*") && !EVENT_TYPES.contains(e)) {
          throw BatonException.of(ErrorCode.REQUEST_INVALID, "unknown event type '" + e
              + "'; one of " + String.join(", ", EVENT_TYPES) + ", or * for all");
        }
        wanted.add(e);
      }
      if (wanted.isEmpty() || wanted.contains("*")) {
        wanted = java.util.Set.of("*");
      }
      return context.webhooks().create(tenant, uri, wanted, "added on the dashboard",
          context.app().store().lastPosition()).secret();
    }

    @Override
    public void deleteWebhook(String tenant, String id) {
      context.webhooks().delete(tenant, id);
    }

    @Override
    public String testWebhook(String tenant, String id) {
      return context.outbox().test(context.webhooks().get(tenant, id));
    }
  }
}
