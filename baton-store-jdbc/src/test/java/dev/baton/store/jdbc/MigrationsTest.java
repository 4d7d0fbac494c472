package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

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
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one migration set runs unchanged on SQLite and PostgreSQL and yields the same tables. */
class MigrationsTest {
  private static final String SCHEMA = TestPostgres.newSchema(MigrationsTest.class);
  private static final List<String> TABLES =
      List.of("api_keys", "approvals", "cache", "events", "executions", "feedback",
          "idempotency_keys", "plan_versions", "processes", "questions", "resolutions", "tenants",
          "tool_allowances", "webhook_cursor", "webhook_deliveries", "webhooks");

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

  @Test
  void skipsFlywayWhenTheHistoryHoldsExactlyTheBundledMigrations() {
    Path file = folder.resolve("baton.db");
    try (var pool = DataSources.sqlite(file)) {
      assertThat(Migrations.apply(pool, null)).isEqualTo(Migrations.Outcome.MIGRATED);
      assertThat(Migrations.apply(pool, null)).isEqualTo(Migrations.Outcome.CURRENT);
    }
  }

  @Test
  void bundledChecksumsAreTheOnesFlywayRecords() {
    try (JdbcExecutionStore store = JdbcExecutionStore.sqlite(folder.resolve("baton.db"))) {
      Map<String, Integer> recorded = new TreeMap<>();
      for (var m : Migrations.flyway(store.dataSource(), null).info().applied()) {
        recorded.put(m.getVersion().getVersion(), m.getChecksum());
      }
      assertThat(Migrations.bundled()).hasValue(recorded);
    }
  }

  @Test
  void theBuildListsEveryMigrationFileInTheSources() throws IOException {
    List<String> files;
    try (var listing = Files.list(Path.of("src/main/resources/db/migration"))) {
      files = listing.map(p -> p.getFileName().toString()).sorted().toList();
    }
    try (var in = Migrations.class.getClassLoader().getResourceAsStream(Migrations.LIST)) {
      assertThat(in).as(Migrations.LIST + " on the class path").isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().sorted().toList())
          .isEqualTo(files);
    }
  }

  @Test
  void appliesWhatIsPendingWhenTheDatabaseIsBehind() {
    Path file = folder.resolve("baton.db");
    try (var pool = DataSources.sqlite(file)) {
      // why: an older Baton's database, made before the later migrations shipped
      Flyway.configure().dataSource(pool).locations(Migrations.LOCATION).target("1").load()
          .migrate();
      assertThat(appliedVersions(pool)).containsExactly("1");

      assertThat(Migrations.apply(pool, null)).isEqualTo(Migrations.Outcome.MIGRATED);
      assertThat(appliedVersions(pool))
          .containsExactlyInAnyOrderElementsOf(Migrations.bundled().orElseThrow().keySet());
      assertThat(Migrations.apply(pool, null)).isEqualTo(Migrations.Outcome.CURRENT);
    }
  }

  @Test
  void eventsWrittenBeforeTheLogWasKeyedByPositionReadBackTheSame() throws SQLException {
    Path file = folder.resolve("baton.db");
    var clock = new dev.baton.testkit.FakeClock();
    var run = dev.baton.testkit.Events.newExecution(clock);
    List<dev.baton.core.exec.Event> log = new java.util.ArrayList<>(run.started("acme"));
    log.addAll(run.stepRun("fetch", dev.baton.core.json.Json.object().put("text", "hello")));
    try (var pool = DataSources.sqlite(file)) {
      // why: a database as Baton left it before V42, holding one execution's log
      Flyway.configure().dataSource(pool).locations(Migrations.LOCATION).target("41").load()
          .migrate();
      try (Connection c = pool.getConnection(); Statements s = new Statements(c)) {
        c.setAutoCommit(false);
        Projections.insertExecution(s, log, null, null);
        EventLog.insert(s, log, true);
        c.commit();
      }

      assertThat(Migrations.apply(pool, null)).isEqualTo(Migrations.Outcome.MIGRATED);
      try (Connection c = pool.getConnection(); var rows = c.createStatement().executeQuery(
          "SELECT count(*), sum(CASE WHEN rowid = position THEN 1 ELSE 0 END) FROM events")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(log.size());
        assertThat(rows.getInt(2)).as("the position is the row key").isEqualTo(log.size());
      }
    }
    try (JdbcExecutionStore store = JdbcExecutionStore.sqlite(file)) {
      assertThat(store.events(run.execution(), 0)).isEqualTo(log);
      assertThat(store.eventsSince(0, null, 100)).extracting(e -> e.position())
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, log.size())
              .boxed().toList());
      store.append(run.stepRun("shout", dev.baton.core.json.Json.object().put("text", "HI")));
      assertThat(store.events(run.execution(), 0)).hasSizeGreaterThan(log.size());
    }
  }

  @Test
  void anEditedAppliedMigrationStillStopsTheOpening() throws SQLException {
    Path file = folder.resolve("baton.db");
    JdbcExecutionStore.sqlite(file).close();
    try (var pool = DataSources.sqlite(file); Connection c = pool.getConnection();
        var s = c.createStatement()) {
      s.executeUpdate("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
    }

    assertThatThrownBy(() -> JdbcExecutionStore.sqlite(file).close())
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("cannot migrate the database")
        .hasMessageContaining("checksum");
  }

  @Test
  void skipsFlywayOnPostgresWhenCurrent_andMigratesANewSchema() throws SQLException {
    String schema = SCHEMA + "_skip";
    try (var pool = DataSources.postgres(TestPostgres.url(), null, null, schema)) {
      assertThat(Migrations.apply(pool, schema)).isEqualTo(Migrations.Outcome.MIGRATED);
      assertThat(Migrations.apply(pool, schema)).isEqualTo(Migrations.Outcome.CURRENT);
    } finally {
      TestPostgres.dropSchema(schema);
    }
  }

  private static List<String> appliedVersions(DataSource dataSource) {
    return Arrays.stream(Migrations.flyway(dataSource, null).info().applied())
        .map(m -> m.getVersion().getVersion()).toList();
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
