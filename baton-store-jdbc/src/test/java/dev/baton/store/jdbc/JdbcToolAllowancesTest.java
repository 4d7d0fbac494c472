package dev.baton.store.jdbc;

import dev.baton.core.port.ToolAllowances;
import dev.baton.testkit.ToolAllowancesContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Tool allowances survive reopening the store, on SQLite and on PostgreSQL. */
class JdbcToolAllowancesTest {
  private static final String SCHEMA = TestPostgres.newSchema(JdbcToolAllowancesTest.class);

  @BeforeAll
  static void requireServer() {
    TestPostgres.requireServer();
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    TestPostgres.dropSchema(SCHEMA);
  }

  /** Closes every store a test opened. */
  abstract static class Opened extends ToolAllowancesContract {
    final List<JdbcExecutionStore> stores = new ArrayList<>();

    abstract JdbcExecutionStore open();

    @Override
    protected ToolAllowances reopen() {
      JdbcExecutionStore store = open();
      stores.add(store);
      return store.allowances();
    }

    @AfterEach
    void close() {
      stores.forEach(JdbcExecutionStore::close);
    }
  }

  @Nested
  class OnSqlite extends Opened {
    @TempDir
    Path folder;

    @Override
    JdbcExecutionStore open() {
      return JdbcExecutionStore.sqlite(folder.resolve("baton.db"));
    }

    @Override
    protected ToolAllowances newAllowances() {
      return reopen();
    }
  }

  @Nested
  class OnPostgres extends Opened {
    @Override
    JdbcExecutionStore open() {
      return JdbcExecutionStore.postgres(TestPostgres.url(), null, null, SCHEMA);
    }

    @Override
    protected ToolAllowances newAllowances() {
      JdbcExecutionStore store = open();
      stores.add(store);
      try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM tool_allowances");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return store.allowances();
    }
  }
}
