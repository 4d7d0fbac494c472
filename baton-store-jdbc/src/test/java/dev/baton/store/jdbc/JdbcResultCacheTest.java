package dev.baton.store.jdbc;

import dev.baton.core.port.ResultCache;
import dev.baton.testkit.ResultCacheContract;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The durable result cache, on a SQLite file. */
class JdbcResultCacheTest extends ResultCacheContract {
  @TempDir
  Path folder;
  private JdbcExecutionStore store;

  @Override
  protected ResultCache newCache(InstantSource clock) {
    store = JdbcExecutionStore.sqlite(folder.resolve("baton.db"));
    return new JdbcResultCache(store.database(), clock);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }
}
