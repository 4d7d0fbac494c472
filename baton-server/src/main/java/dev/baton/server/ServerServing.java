package dev.baton.server;

import dev.baton.app.BatonApp;
import dev.baton.app.HttpServing;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.server.auth.ApiKeys;
import dev.baton.server.auth.Role;
import dev.baton.server.auth.Tenants;
import dev.baton.store.jdbc.JdbcExecutionStore;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/** {@link HttpServing} for {@code baton serve}: a {@link BatonServer} with default options. */
public final class ServerServing implements HttpServing {
  @Override
  public Running serve(BatonApp app, String host, int port) {
    ServerOptions options = ServerOptions.defaults().withHost(host).withPort(port)
        .withPollInterval(app.config().engine().pollInterval());
    String rate = System.getenv("BATON_SERVER_REQUESTS_PER_MINUTE");
    if (rate != null && !rate.isBlank()) {
      try {
        options = options.withRequestsPerMinute(Integer.parseInt(rate.trim()));
      } catch (IllegalArgumentException e) {
        throw BatonException.of(ErrorCode.CONFIG_INVALID, "BATON_SERVER_REQUESTS_PER_MINUTE must"
            + " be a positive whole number, was '" + rate + "'");
      }
    }
    String allow = System.getenv("BATON_WEBHOOK_ALLOW");
    if (allow != null && !allow.isBlank()) {
      options = options.withWebhookAllowList(java.util.Arrays.stream(allow.split(","))
          .map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
    BatonServer server = BatonServer.start(app, options);
    return new Running() {
      @Override
      public URI uri() {
        return server.uri();
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  @Override
  public Map.Entry<KeyLine, String> createKey(BatonApp app, String tenant, String name,
      String role) {
    ApiKeys.NewKey k = keys(app).create(tenant, name, Role.parse(role));
    return Map.entry(line(k.info()), k.secret());
  }

  @Override
  public List<KeyLine> keys(BatonApp app, String tenant) {
    return keys(app).list(tenant).stream().map(ServerServing::line).toList();
  }

  @Override
  public KeyLine revokeKey(BatonApp app, String tenant, String id) {
    return line(keys(app).revoke(tenant, id));
  }

  private static ApiKeys keys(BatonApp app) {
    if (!(app.store() instanceof JdbcExecutionStore jdbc)) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, "keys need a SQLite or PostgreSQL store");
    }
    Sql sql = new Sql(jdbc.dataSource(), jdbc.onSqlite());
    return new ApiKeys(sql, new Tenants(sql, InstantSource.system()), InstantSource.system());
  }

  private static KeyLine line(ApiKeys.KeyInfo k) {
    return new KeyLine(k.id(), k.tenant(), k.name(), k.role().wire(), k.active());
  }
}
