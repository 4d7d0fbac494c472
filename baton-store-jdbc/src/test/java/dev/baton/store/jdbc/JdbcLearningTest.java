package dev.baton.store.jdbc;

import dev.baton.core.feedback.ResolutionMemory;
import dev.baton.testkit.ResolutionMemoryContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Remembered answers on SQLite and on PostgreSQL hold their contracts. */
class JdbcLearningTest {
  private static final String SCHEMA = TestPostgres.newSchema(JdbcLearningTest.class);

  @BeforeAll
  static void requireServer() {
    TestPostgres.requireServer();
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    TestPostgres.dropSchema(SCHEMA);
  }

  /** A store per test: a new SQLite file, or the PostgreSQL schema with the tables emptied. */
  abstract static class Stores {
    @TempDir
    Path folder;
    JdbcExecutionStore store;

    JdbcExecutionStore open(boolean postgres) {
      if (!postgres) {
        store = JdbcExecutionStore.sqlite(folder.resolve("baton.db"));
        return store;
      }
      store = JdbcExecutionStore.postgres(TestPostgres.url(), null, null, SCHEMA);
      try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM resolutions");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return store;
    }
  }

  @Nested
  class ResolutionsOnSqlite extends ResolutionMemoryContract {
    private final Stores stores = new Stores() {};
    @TempDir
    Path folder;

    @Override
    protected ResolutionMemory newMemory() {
      stores.folder = folder;
      return JdbcResolutionMemory.on(stores.open(false));
    }

    @AfterEach
    void close() {
      stores.store.close();
    }
  }

  @Nested
  class ResolutionsOnPostgres extends ResolutionMemoryContract {
    private final Stores stores = new Stores() {};

    @Override
    protected ResolutionMemory newMemory() {
      return JdbcResolutionMemory.on(stores.open(true));
    }

    @AfterEach
    void close() {
      stores.store.close();
    }
  }
}
