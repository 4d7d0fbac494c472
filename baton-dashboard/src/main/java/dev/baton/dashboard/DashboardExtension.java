package dev.baton.dashboard;

import dev.baton.server.ServerContext;
import dev.baton.server.ServerExtension;
import dev.baton.server.auth.ApiKeys;
import dev.baton.server.auth.Authenticator;
import dev.baton.server.auth.Principal;
import dev.baton.server.auth.Role;
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
    Access.KeyCheck check = key -> keys.verify(key).filter(ApiKeys.KeyInfo::active)
        .map(k -> new Access.User(k.name() + " (" + k.id() + ")", k.tenant(),
            Access.Role.valueOf(k.role().name())));
    dashboard = new Dashboard(context.app(), check, context.app().feedback(), new KeySettings(keys));
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

  /** Keys from the server's key store; webhooks are not offered by this server yet. */
  record KeySettings(ApiKeys keys) implements Dashboard.Settings {
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
      return false;
    }

    @Override
    public List<Webhook> webhooks(String tenant) {
      return List.of();
    }

    @Override
    public String addWebhook(String tenant, String url, String events) {
      throw new UnsupportedOperationException("webhooks are not offered by this server yet");
    }

    @Override
    public void deleteWebhook(String tenant, String id) {
      throw new UnsupportedOperationException("webhooks are not offered by this server yet");
    }
  }
}
