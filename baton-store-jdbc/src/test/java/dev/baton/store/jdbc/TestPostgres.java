package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL server the tests use: {@code BATON_TEST_PG_URL}, or the local one on 127.0.0.1
 * (trust auth, user postgres, database test). Each test class works in a schema of its own.
 */
final class TestPostgres {
  static final String URL_VARIABLE = "BATON_TEST_PG_URL";
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private TestPostgres() {}

  static String url() {
    String url = System.getenv(URL_VARIABLE);
    return url == null || url.isBlank() ? DEFAULT_URL : url;
  }

  /** A fresh schema name for {@code testClass}; it is created on first use. */
  static String newSchema(Class<?> testClass) {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return "t_" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + "_"
        + HexFormat.of().formatHex(random);
  }

  /**
   * Fails with a message that says how to fix it when the server is not there: these tests are
   * never skipped, or a missing server would pass unnoticed.
   */
  static void requireServer() {
    try (Connection c = DriverManager.getConnection(url())) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL is not reachable at " + url() + " ("
          + e.getMessage() + "). Start it with `pg_ctlcluster --skip-systemctl-redirect"
          + " $(ls /etc/postgresql) main start`, or set " + URL_VARIABLE
          + " to a server where the tests may create schemas.", e);
    }
  }

  static void dropSchema(String schema) throws SQLException {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
