package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a database up to the tables this store needs, with the one set of plain SQL migrations
 * under {@code db/migration} that runs unchanged on SQLite and PostgreSQL.
 */
final class Migrations {
  static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  /**
   * Applies the migrations not yet applied. {@code schema} (PostgreSQL only; null for none) is
   * created if missing and holds the tables and Flyway's history.
   *
   * @throws BatonException STORE_UNAVAILABLE if a migration cannot be applied
   */
  static void apply(DataSource dataSource, String schema) {
    try {
      flyway(dataSource, schema).migrate();
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
        .failOnMissingLocations(true);
    if (schema != null) {
      config.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    return config.load();
  }
}
