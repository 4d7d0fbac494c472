package dev.baton.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The local PostgreSQL server the tests use ({@code BATON_TEST_PG_URL}, or 127.0.0.1:5432,
 * database test): a schema of its own per server started. Never skipped: a missing server fails.
 */
final class Pg {
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private Pg() {}

  static String url() {
    String url = System.getenv("BATON_TEST_PG_URL");
    return url == null || url.isBlank() ? DEFAULT_URL : url;
  }

  static TestServer start(Path home, Class<?> test) {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    String schema = "t_" + test.getSimpleName().toLowerCase(Locale.ROOT) + "_"
        + HexFormat.of().formatHex(random);
    try (Connection c = DriverManager.getConnection(url())) {
      c.isValid(5);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("PostgreSQL is not reachable at " + url()
          + "; start it (scripts/start-services.sh)", e);
    }
    return TestServer.start(home, Map.of("BATON_DB_URL", url(), "BATON_DB_SCHEMA", schema),
        ServerOptions.defaults().withPort(0).withPollInterval(Duration.ofMillis(50))
            .withHeartbeat(Duration.ofSeconds(1)));
  }
}
