package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one migration set runs unchanged on SQLite and PostgreSQL and yields the same tables. */
class MigrationsTest {
  private static final String SCHEMA = TestPostgres.newSchema(MigrationsTest.class);
  private static final List<String> TABLES =
      List.of("approvals", "cache", "events", "executions", "plan_versions", "processes",
          "questions");

  @TempDir
  Path folder;

  @BeforeAll
  static void requireServer() {
    TestPostgres.requireServer();
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    TestPostgres.dropSchema(SCHEMA);
  }

  @Test
  void appliesTheSameMigrationsToBothDatabases() {
    try (JdbcExecutionStore sqlite = JdbcExecutionStore.sqlite(folder.resolve("baton.db"));
        JdbcExecutionStore postgres =
            JdbcExecutionStore.postgres(TestPostgres.url(), null, null, SCHEMA)) {
      List<String> onSqlite = applied(sqlite.dataSource(), null);

      assertThat(onSqlite).isNotEmpty().first().asString().startsWith("1 ");
      assertThat(applied(postgres.dataSource(), SCHEMA)).isEqualTo(onSqlite);
    }
  }

  @Test
  void createsTheSameTablesAndColumnsOnBothDatabases() throws SQLException {
    try (JdbcExecutionStore sqlite = JdbcExecutionStore.sqlite(folder.resolve("baton.db"));
        JdbcExecutionStore postgres =
            JdbcExecutionStore.postgres(TestPostgres.url(), null, null, SCHEMA)) {
      Map<String, TreeSet<String>> onSqlite = columns(sqlite.dataSource(), null);

      assertThat(onSqlite.keySet()).containsAll(TABLES);
      assertThat(columns(postgres.dataSource(), SCHEMA)).isEqualTo(onSqlite);
    }
  }

  @Test
  void findsNothingToDoWhenOpenedAgain() {
    Path file = folder.resolve("baton.db");
    JdbcExecutionStore.sqlite(file).close();

    try (JdbcExecutionStore again = JdbcExecutionStore.sqlite(file)) {
      assertThat(Migrations.flyway(again.dataSource(), null).info().pending()).isEmpty();
    }
  }

  /** The versioned migrations applied (PostgreSQL also records creating the schema). */
  private static List<String> applied(DataSource dataSource, String schema) {
    return Arrays.stream(Migrations.flyway(dataSource, schema).info().applied())
        .filter(m -> m.getVersion() != null)
        .map(m -> m.getVersion() + " " + m.getDescription() + " " + m.getChecksum()).toList();
  }

  /** Column names by table, for the store's tables only (not Flyway's history). */
  private static Map<String, TreeSet<String>> columns(DataSource dataSource, String schema)
      throws SQLException {
    Map<String, TreeSet<String>> columns = new TreeMap<>();
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet r = meta.getColumns(null, schema, "%", "%")) {
        while (r.next()) {
          String table = r.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
          if (TABLES.contains(table)) {
            columns.computeIfAbsent(table, t -> new TreeSet<>())
                .add(r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return columns;
  }
}
