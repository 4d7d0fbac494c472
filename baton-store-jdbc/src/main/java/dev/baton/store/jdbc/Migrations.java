package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a database up to the tables this store needs, with the one set of plain SQL migrations
 * under {@code db/migration} that runs unchanged on SQLite and PostgreSQL.
 *
 * <p>Starting Flyway costs hundreds of milliseconds (its classes, a scan of the class path), so a
 * database is first checked cheaply: when Flyway's history already records exactly the bundled
 * migrations, each applied with success and with the checksum of the bundled file, there is
 * nothing to do and Flyway is not started. Anything else (no history yet, a migration missing or
 * extra, a failed one, an edited file, a list that cannot be read) goes to Flyway, which then does
 * what it always did: apply, or refuse with its own message.
 */
final class Migrations {
  static final String LOCATION = "classpath:db/migration";
  /** The bundled migrations' file names, one a line, written by the build (see the pom). */
  static final String LIST = "db/migrations.txt";
  private static final String FOLDER = "db/migration/";
  private static final String HISTORY = "flyway_schema_history";

  /** What {@link #apply} found. */
  enum Outcome {
    /** The history matched the bundled migrations: Flyway was not started. */
    CURRENT,
    /** Flyway ran (and applied whatever was pending, possibly nothing). */
    MIGRATED
  }

  private Migrations() {}

  /**
   * Applies the migrations not yet applied. {@code schema} (PostgreSQL only; null for none) is
   * created if missing and holds the tables and Flyway's history.
   *
   * @throws BatonException STORE_UNAVAILABLE if a migration cannot be applied
   */
  static Outcome apply(DataSource dataSource, String schema) {
    Optional<Map<String, Integer>> bundled = bundled();
    if (bundled.isPresent() && bundled.get().equals(applied(dataSource, schema))) {
      return Outcome.CURRENT;
    }
    try {
      flyway(dataSource, schema).migrate();
      return Outcome.MIGRATED;
    } catch (FlywayException e) {
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "cannot migrate the database: "
          + DataSources.reason(e), e);
    }
  }

  /** Flyway set up for this store's migrations in {@code schema} (null: the default one). */
  static Flyway flyway(DataSource dataSource, String schema) {
    var config = Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .placeholders(Map.of("event_position_type", sqlite(dataSource) ? "INTEGER" : "BIGINT"))
        .failOnMissingLocations(true);
    if (schema != null) {
      config.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    return config.load();
  }

  /**
   * Whether the database is SQLite, where only a column declared {@code INTEGER PRIMARY KEY} is
   * the row key (PostgreSQL's {@code INTEGER} is 32 bits: positions there are {@code BIGINT}).
   */
  private static boolean sqlite(DataSource dataSource) {
    try (var c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
          .contains("sqlite");
    } catch (java.sql.SQLException e) {
      throw SqlErrors.wrap(e, "find which database this is");
    }
  }

  /**
   * The bundled versioned migrations: version (as Flyway records it) → Flyway's checksum of the
   * file. Empty when the list is missing or names something this check does not model (a
   * repeatable migration, a file that is not there), so that Flyway decides.
   */
  static Optional<Map<String, Integer>> bundled() {
    ClassLoader loader = Migrations.class.getClassLoader();
    Map<String, Integer> versions = new HashMap<>();
    try (InputStream list = loader.getResourceAsStream(LIST)) {
      if (list == null) {
        return Optional.empty();
      }
      for (String name : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        name = name.strip();
        if (name.isEmpty()) {
          continue;
        }
        int end = name.indexOf("__");
        if (!name.startsWith("V") || end < 2 || !name.endsWith(".sql")) {
          return Optional.empty();
        }
        Optional<Integer> checksum = checksum(loader, FOLDER + name);
        if (checksum.isEmpty()) {
          return Optional.empty();
        }
        versions.put(name.substring(1, end).replace('_', '.'), checksum.get());
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions);
  }

  /**
   * Flyway's checksum of a migration: CRC-32 of its lines' UTF-8 bytes without line endings (so
   * the same whatever the line endings), a byte-order mark left out.
   */
  static Optional<Integer> checksum(ClassLoader loader, String resource) throws IOException {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      CRC32 crc = new CRC32();
      boolean first = true;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (first && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        first = false;
        crc.update(line.getBytes(StandardCharsets.UTF_8));
      }
      return Optional.of((int) crc.getValue());
    }
  }

  /**
   * The versioned migrations Flyway's history records as applied: version → checksum; null when
   * there is no history yet, it cannot be read, or it records a failed migration (in each case,
   * not current).
   */
  static Map<String, Integer> applied(DataSource dataSource, String schema) {
    String table = schema == null ? HISTORY : "\"" + schema + "\"." + HISTORY;
    Map<String, Integer> versions = new HashMap<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version, checksum, success, type FROM " + table)) {
      while (r.next()) {
        if (!r.getBoolean(3)) {
          return null;
        }
        // why: other rows (PostgreSQL's schema creation, a baseline) are not migrations; a
        // baseline leaves versions out, which then differ from the bundled ones
        if ("SQL".equals(r.getString(4))) {
          int checksum = r.getInt(2);
          versions.put(r.getString(1), r.wasNull() ? null : checksum);
        }
      }
      return versions;
    } catch (SQLException noHistoryYet) {
      // why: the usual reason is a new database; whatever it is, Flyway will say it better
      return null;
    }
  }
}
