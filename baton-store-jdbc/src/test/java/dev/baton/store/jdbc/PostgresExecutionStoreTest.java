package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store on the PostgreSQL server in a schema of this class's own, emptied before each test. */
class PostgresExecutionStoreTest extends JdbcExecutionStoreContract {
  private static final String SCHEMA = TestPostgres.newSchema(PostgresExecutionStoreTest.class);
  private static final List<String> TABLES_CHILDREN_FIRST =
      List.of("feedback", "events", "questions", "approvals", "plan_versions", "executions",
          "processes", "cache", "resolutions", "tool_allowances");

  @BeforeAll
  static void requireServer() {
    TestPostgres.requireServer();
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    TestPostgres.dropSchema(SCHEMA);
  }

  @Override
  protected JdbcExecutionStore newStore() {
    JdbcExecutionStore fresh = openSameDatabase();
    try (Connection c = fresh.dataSource().getConnection(); Statement s = c.createStatement()) {
      // why: DELETE of a few rows is far quicker than TRUNCATE, which rewrites files
      for (String table : TABLES_CHILDREN_FIRST) {
        s.executeUpdate("DELETE FROM " + table);
      }
    } catch (SQLException e) {
      fresh.close();
      throw new IllegalStateException("cannot empty schema " + SCHEMA, e);
    }
    return fresh;
  }

  @Override
  protected JdbcExecutionStore openSameDatabase() {
    return JdbcExecutionStore.postgres(TestPostgres.url(), null, null, SCHEMA);
  }
}
