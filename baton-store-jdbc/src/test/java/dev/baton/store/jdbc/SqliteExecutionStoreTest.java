package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.json.Json;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.testkit.Events;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The store on a SQLite file in a temporary folder (a fresh one per test). */
class SqliteExecutionStoreTest extends JdbcExecutionStoreContract {
  @TempDir
  Path folder;

  private Path file() {
    return folder.resolve("data").resolve("baton.db");
  }

  @Override
  protected JdbcExecutionStore newStore() {
    return JdbcExecutionStore.sqlite(file());
  }

  @Override
  protected JdbcExecutionStore openSameDatabase() {
    return JdbcExecutionStore.sqlite(file());
  }

  @Test
  void keepsEverythingWhenTheFileIsReopened() {
    Events run = readyToSend("acme");
    store.append(List.of(run.approvalRequested("send")));
    store.heartbeat(new dev.baton.core.port.ProcessLease("node-a", "h", 1, null,
        clock.instant().plus(Duration.ofMinutes(5))), clock.instant());
    store.claim(run.execution(), "node-a", clock.instant());
    JsonNode cached = Json.object().put("text", "שלום");
    store.cache().put("demo.echo|acme|{}", cached, Duration.ofHours(1));
    List<Event> log = store.events(run.execution(), 0);
    ExecutionSummary summary = store.summary(run.execution()).orElseThrow();
    List<Approval> pending = store.pendingApprovals(null);
    store.close();

    store = JdbcExecutionStore.sqlite(file());

    ExecutionId id = run.execution();
    assertThat(store.events(id, 0)).isEqualTo(log);
    assertThat(store.summary(id)).contains(summary);
    assertThat(store.list(null, 10)).containsExactly(summary);
    assertThat(store.unfinished()).containsExactly(id);
    assertThat(store.pendingApprovals(null)).isEqualTo(pending);
    assertThat(store.holder(id, clock.instant())).map(p -> p.id()).contains("node-a");
    assertThat(store.cache().get("demo.echo|acme|{}")).contains(cached);

    Event decided = run.approvalDecided("send", true, "dana");
    store.append(List.of(decided));
    List<Event> longer = new ArrayList<>(log);
    longer.add(decided);
    assertSameState(store.load(id), ExecutionState.replay(longer));
  }

  @Test
  void opensTheFileInWalModeWithNormalSyncAndABusyTimeout() throws SQLException {
    try (Connection c = ((JdbcExecutionStore) store).dataSource().getConnection();
        Statement s = c.createStatement()) {
      assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(s, "synchronous")).isEqualTo("1");
      assertThat(pragma(s, "busy_timeout"))
          .isEqualTo(String.valueOf(DataSources.SQLITE_BUSY_TIMEOUT.toMillis()));
      assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
    }
  }

  private static String pragma(Statement s, String name) throws SQLException {
    try (ResultSet r = s.executeQuery("PRAGMA " + name)) {
      r.next();
      return r.getString(1);
    }
  }
}
