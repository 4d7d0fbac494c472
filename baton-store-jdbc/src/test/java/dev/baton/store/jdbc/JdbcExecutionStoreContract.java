package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.json.Json;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.testkit.Events;
import dev.baton.testkit.ExecutionStoreContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The port's contract plus what only the JDBC store promises: projections that match the fold and
 * are written only when a reader needs them, atomic appends, several stores on one database.
 * Subclasses pick the database.
 */
abstract class JdbcExecutionStoreContract extends ExecutionStoreContract {
  @Override
  protected abstract JdbcExecutionStore newStore();

  /** Another store on the database of the current test's store, without clearing it. */
  protected abstract JdbcExecutionStore openSameDatabase();

  private JdbcExecutionStore jdbc() {
    return (JdbcExecutionStore) store;
  }

  @Test
  void keepsNothingOfAHalfFailedAppend() throws SQLException {
    Events run = started("acme");
    ExecutionId id = run.execution();
    Event e3 = run.stepStarted("fetch");
    Event e4 = run.approvalRequested("send");
    Event stray = Events.of(id, clock).resumeAfter(3).logged("fetch", "written by someone else");
    update("INSERT INTO events (execution_id, seq, type, at, payload, position)"
        + " VALUES (?, ?, ?, ?, ?, ?)", id.value(), 4L, "StepLogged",
        Timestamps.text(stray.at()), StoredJson.event(stray), 1_000_000L);

    assertThatThrownBy(() -> store.append(List.of(e3, e4)))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CONFLICT));

    assertThat(longs("SELECT seq FROM events WHERE execution_id = ? ORDER BY seq", id.value()))
        .containsExactly(1L, 2L, 4L);
    assertThat(longs("SELECT count(*) FROM approvals WHERE execution_id = ?", id.value()))
        .containsExactly(0L);

    update("DELETE FROM events WHERE execution_id = ? AND seq = ?", id.value(), 4L);
    store.append(List.of(e3, e4));
    assertThat(store.pendingApprovals(null)).hasSize(1);
  }

  @Test
  void aStepThatRunsWritesNoProjectionRow() throws SQLException {
    Events run = started("acme");
    String before = executionRow(run.execution());
    clock.advance(Duration.ofSeconds(3));

    store.append(run.stepRun("fetch", Json.object().put("text", "hello")));

    assertThat(executionRow(run.execution())).isEqualTo(before);
    assertThat(store.summary(run.execution()).orElseThrow().stepsFinished()).isEqualTo(1);
  }

  @Test
  void aFinishedExecutionsRowHoldsItsFinalSummary() throws SQLException {
    Events run = started("acme");
    store.append(run.stepRun("fetch", Json.object()));
    List<Event> end = List.of(run.stepSkipped("shout", "not needed"),
        run.stepSkipped("send", "not needed"), run.status(ExecutionStatus.SUCCEEDED));
    ExecutionState fold = ExecutionState.replay(concatLog(store.events(run.execution(), 0), end));

    store.append(end, ExecutionSummary.of(fold), null);

    assertThat(executionRow(run.execution())).isEqualTo(String.join(" ", "SUCCEEDED",
        Timestamps.text(fold.updatedAt()), "1", "3", "3", String.valueOf(fold.lastSeq())));
    assertThat(store.summary(run.execution())).contains(ExecutionSummary.of(fold));
  }

  @Test
  void aStatusChangeWithoutASummaryIsFoldedByTheStore() throws SQLException {
    Events run = started("acme");
    store.append(List.of(run.status(ExecutionStatus.PAUSED)));

    assertThat(executionRow(run.execution())).startsWith("PAUSED ");
  }

  @Test
  void keepsEveryProjectionInStepWithTheFoldEventByEvent() throws SQLException {
    Events run = Events.newExecution(clock);
    List<Event> log = everyKindOfEvent(run);

    for (int i = 0; i < log.size(); i++) {
      store.append(List.of(log.get(i)));
      assertProjectionsMatch(ExecutionState.replay(log.subList(0, i + 1)));
    }
  }

  @Test
  void keepsEveryProjectionInStepWithTheFoldInBatches() throws SQLException {
    Events run = Events.newExecution(clock);
    List<Event> log = everyKindOfEvent(run);

    for (int from = 0; from < log.size(); from += 3) {
      int to = Math.min(log.size(), from + 3);
      store.append(log.subList(from, to));
      assertProjectionsMatch(ExecutionState.replay(log.subList(0, to)));
    }
  }

  @Test
  void staysConsistentWhileManyThreadsAppendAndLoad() throws Exception {
    int writers = 4;
    int steps = 15;
    String[] tools = new String[steps];
    Arrays.fill(tools, Events.ECHO);
    List<Events> runs = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      Events run = Events.newExecution(clock);
      store.append(List.of(run.created("acme", "run " + i, Events.plan(tools)),
          run.status(ExecutionStatus.RUNNING)));
      runs.add(run);
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    try (ExecutorService threads = Executors.newFixedThreadPool(writers + 2)) {
      List<Future<?>> work = new ArrayList<>();
      for (Events run : runs) {
        work.add(threads.submit(() -> {
          for (int s = 1; s <= steps; s++) {
            store.append(List.of(run.stepStarted("s" + s), run.attemptStarted("s" + s, 1)));
            store.append(List.of(run.stepSucceeded("s" + s, Json.object().put("n", s))));
          }
          return null;
        }));
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(threads.submit(() -> {
          while (writing.get()) {
            for (Events run : runs) {
              ExecutionState seen = store.load(run.execution());
              assertSameState(seen, ExecutionState.replay(store.events(run.execution(), 0)
                  .subList(0, (int) seen.lastSeq())));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      for (Future<?> f : readers) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
    for (Events run : runs) {
      ExecutionState fold = ExecutionState.replay(store.events(run.execution(), 0));
      assertThat(fold.finishedSteps()).isEqualTo(steps);
      assertSameState(store.load(run.execution()), fold);
      assertProjectionsMatch(fold);
    }
    assertThat(longs("SELECT count(DISTINCT position) - count(*) FROM events")).containsExactly(0L);
  }

  @Test
  void continuesALogAnotherStoreAppendedTo() {
    Events run = started("acme");
    List<Event> log = new ArrayList<>(store.events(run.execution(), 0));
    try (JdbcExecutionStore other = openSameDatabase()) {
      List<Event> fetch = run.stepRun("fetch", Json.object().put("text", "hello"));
      other.append(fetch);
      log.addAll(fetch);
      List<Event> shout = run.stepRun("shout", Json.object().put("text", "HELLO"));
      store.append(shout);
      log.addAll(shout);
      Event sent = run.stepStarted("send");
      other.append(List.of(sent));
      log.add(sent);
    }

    assertSameState(store.load(run.execution()), ExecutionState.replay(log));
    assertThat(store.summary(run.execution()).orElseThrow().stepsFinished()).isEqualTo(2);
  }

  @Test
  void measuresABareCommit() {
    Duration mean = CommitProbe.meanCommit(jdbc(), 200);

    System.out.printf("%s: mean bare commit %.3f ms%n", getClass().getSimpleName(),
        mean.toNanos() / 1e6);
    assertThat(mean).isPositive().isLessThan(Duration.ofSeconds(1));
  }

  // ---------------------------------------------------------------- helpers

  /** The executions status, plan_versions, approvals and questions rows say what {@code fold} says. */
  private void assertProjectionsMatch(ExecutionState fold) throws SQLException {
    ExecutionId id = fold.id();
    assertThat(executionRow(id)).startsWith(fold.status().name() + " ");
    assertThat(store.summary(id)).contains(ExecutionSummary.of(fold));
    assertThat(longs("SELECT version FROM plan_versions WHERE execution_id = ? ORDER BY version",
        id.value())).isEqualTo(fold.versions().stream().map(v -> (long) v.version()).toList());
    Map<String, String> approvals = new LinkedHashMap<>();
    for (Approval a : fold.approvals().values()) {
      approvals.put(a.id().value(), String.join(" ", a.status().name(),
          String.valueOf(a.escalated() ? 1 : 0), String.valueOf(a.decidedBy()),
          String.valueOf(a.comment()), String.valueOf(StoredJson.write(a.editedArguments())),
          String.valueOf(Timestamps.text(a.decidedAt()))));
    }
    assertThat(approvalRows(id)).isEqualTo(approvals);
    assertThat(store.pendingQuestions(null, 0, 100)).containsExactlyElementsOf(
        fold.pendingQuestions());
  }

  private String executionRow(ExecutionId id) throws SQLException {
    try (Connection c = jdbc().dataSource().getConnection();
        PreparedStatement select = c.prepareStatement("SELECT status, updated_at, plan_version,"
            + " steps_total, steps_finished, last_seq FROM executions WHERE id = ?")) {
      select.setString(1, id.value());
      try (ResultSet r = select.executeQuery()) {
        assertThat(r.next()).isTrue();
        return String.join(" ", r.getString(1), r.getString(2), r.getString(3), r.getString(4),
            r.getString(5), r.getString(6));
      }
    }
  }

  private static List<Event> concatLog(List<Event> a, List<Event> b) {
    List<Event> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private Map<String, String> approvalRows(ExecutionId id) throws SQLException {
    try (Connection c = jdbc().dataSource().getConnection();
        PreparedStatement select = c.prepareStatement("SELECT id, status, escalated, decided_by,"
            + " comment, edited_arguments, decided_at FROM approvals WHERE execution_id = ?")) {
      select.setString(1, id.value());
      Map<String, String> rows = new LinkedHashMap<>();
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          rows.put(r.getString(1), String.join(" ", r.getString(2), String.valueOf(r.getInt(3)),
              String.valueOf(r.getString(4)), String.valueOf(r.getString(5)),
              String.valueOf(r.getString(6)), String.valueOf(r.getString(7))));
        }
      }
      return rows;
    }
  }

  private void update(String sql, Object... parameters) throws SQLException {
    try (Connection c = jdbc().dataSource().getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  private List<Long> longs(String sql, Object... parameters) throws SQLException {
    try (Connection c = jdbc().dataSource().getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      List<Long> values = new ArrayList<>();
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          values.add(r.getLong(1));
        }
      }
      return values;
    }
  }
}
