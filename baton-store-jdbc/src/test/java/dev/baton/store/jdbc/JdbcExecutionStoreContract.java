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
import dev.baton.core.exec.StepState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.json.Json;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
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
 * The port's contract plus what only the JDBC store promises: projections that match the fold,
 * atomic appends, several stores on one database. Subclasses pick the database.
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
    Event e4 = run.attemptStarted("fetch", 1);
    Event stray = Events.of(id, clock).resumeAfter(3).logged("fetch", "written by someone else");
    update("INSERT INTO events (execution_id, seq, type, at, payload) VALUES (?, ?, ?, ?, ?)",
        id.value(), 4L, "StepLogged", Timestamps.text(stray.at()), StoredJson.event(stray));

    assertThatThrownBy(() -> store.append(List.of(e3, e4)))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CONFLICT));

    assertThat(longs("SELECT seq FROM events WHERE execution_id = ? ORDER BY seq", id.value()))
        .containsExactly(1L, 2L, 4L);
    assertThat(longs("SELECT last_seq FROM executions WHERE id = ?", id.value()))
        .containsExactly(2L);
    assertThat(stepRows(id).get("fetch")).startsWith("PENDING 0 ");

    update("DELETE FROM events WHERE execution_id = ? AND seq = ?", id.value(), 4L);
    store.append(List.of(e3, e4));
    assertThat(stepRows(id).get("fetch")).startsWith("RUNNING 1 ");
  }

  @Test
  void writesStepRowsThatMatchTheFold() throws SQLException {
    Events run = started("acme");
    store.append(run.stepRun("fetch", Json.object().put("text", "hello")));
    store.append(List.of(run.stepStarted("shout"), run.attemptStarted("shout", 1),
        run.attemptFailed("shout", 1, "upstream said 503", Duration.ofSeconds(2))));

    assertThat(stepRows(run.execution())).isEqualTo(expectedStepRows(run.execution()));
  }

  @Test
  void dropsStepRowsANewPlanVersionRemoved() throws SQLException {
    Events run = started("acme");
    store.append(run.stepRun("fetch", Json.object()));
    Step fetch = Events.demoPlan().steps().getFirst();

    store.append(List.of(run.planVersion(new Plan(List.of(fetch,
        Step.of("notify", Events.SEND, Json.object()))), "shorter")));

    assertThat(stepRows(run.execution())).containsOnlyKeys("fetch", "notify")
        .isEqualTo(expectedStepRows(run.execution()));
    assertThat(longs("SELECT version FROM plan_versions WHERE execution_id = ? ORDER BY version",
        run.execution().value())).containsExactly(1L, 2L);
  }

  @Test
  void rewritesOnlyTheStepRowsAnAppendChanged() throws SQLException {
    String[] tools = new String[200];
    Arrays.fill(tools, Events.ECHO);
    Events run = Events.newExecution(clock);
    store.append(List.of(run.created("acme", "many steps", Events.plan(tools))));
    // why: a marker the store would overwrite if it rewrote rows the append did not change
    update("UPDATE steps SET error = ? WHERE execution_id = ? AND step_id <> ?", "untouched",
        run.execution().value(), "s1");

    store.append(List.of(run.stepStarted("s1")));

    assertThat(longs("SELECT COUNT(*) FROM steps WHERE execution_id = ? AND error = ?",
        run.execution().value(), "untouched")).containsExactly(199L);
    assertThat(stepRows(run.execution()).get("s1")).startsWith("RUNNING ");
  }

  @Test
  void forgetsTheStateFoldedForAFailedAppend() throws SQLException {
    Events run = started("acme");
    ExecutionId id = run.execution();
    Event fetchStarted = run.stepStarted("fetch");
    Event stray = Events.of(id, clock).resumeAfter(2).logged("fetch", "written by someone else");
    update("INSERT INTO events (execution_id, seq, type, at, payload) VALUES (?, ?, ?, ?, ?)",
        id.value(), 3L, "StepLogged", Timestamps.text(stray.at()), StoredJson.event(stray));

    // why: the store folds fetchStarted onto its cached state before the database refuses it
    assertThatThrownBy(() -> store.append(List.of(fetchStarted)))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CONFLICT));
    update("DELETE FROM events WHERE execution_id = ? AND seq = ?", id.value(), 3L);
    Events other = Events.of(id, clock).resumeAfter(2);
    List<Event> log = new ArrayList<>(store.events(id, 0));
    try (JdbcExecutionStore second = openSameDatabase()) {
      Event shoutStarted = other.stepStarted("shout");
      second.append(List.of(shoutStarted));
      log.add(shoutStarted);
    }

    // a state kept from the failed append would be at seq 3 too, with fetch running
    assertSameState(store.load(id), ExecutionState.replay(log));
    Event attempt = other.attemptStarted("shout", 1);
    store.append(List.of(attempt));
    log.add(attempt);
    assertSameState(store.load(id), ExecutionState.replay(log));
    assertThat(stepRows(id)).isEqualTo(expectedStepRows(id));
    assertThat(stepRows(id).get("fetch")).startsWith("PENDING ");
  }

  @Test
  void foldsCorrectlyAfterABatchFailedHalfwayThroughItsFold() throws SQLException {
    Events run = started("acme");
    ExecutionId id = run.execution();
    List<Event> log = new ArrayList<>(store.events(id, 0));
    List<Event> bad = List.of(run.stepStarted("fetch"), run.stepStarted("ghost"));
    assertThatThrownBy(() -> store.append(bad)).isInstanceOf(BatonException.class);

    List<Event> good = Events.of(id, clock).resumeAfter(2).stepRun("shout", Json.object());
    store.append(good);
    log.addAll(good);

    assertSameState(store.load(id), ExecutionState.replay(log));
    assertThat(stepRows(id)).isEqualTo(expectedStepRows(id));
    assertThat(stepRows(id).get("fetch")).startsWith("PENDING ");
  }

  @Test
  void refusesAnAppendOntoACachedStateAnotherStoreMovedPast() throws SQLException {
    Events run = started("acme");
    ExecutionId id = run.execution();
    List<Event> log = new ArrayList<>(store.events(id, 0));
    Events other = Events.of(id, clock).resumeAfter(2);
    try (JdbcExecutionStore second = openSameDatabase()) {
      Event fetchStarted = other.stepStarted("fetch");
      second.append(List.of(fetchStarted));
      log.add(fetchStarted);
    }

    // why: this store's cached state is at seq 2, so only the guarded update can see the conflict
    assertThatThrownBy(() -> store.append(List.of(run.stepStarted("shout"))))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CONFLICT));

    assertThat(store.events(id, 0)).isEqualTo(log);
    assertThat(longs("SELECT last_seq FROM executions WHERE id = ?", id.value()))
        .containsExactly(3L);
    assertSameState(store.load(id), ExecutionState.replay(log));
    Event attempt = other.attemptStarted("fetch", 1);
    store.append(List.of(attempt));
    log.add(attempt);
    assertSameState(store.load(id), ExecutionState.replay(log));
    assertThat(stepRows(id)).isEqualTo(expectedStepRows(id));
    assertThat(store.summary(id).orElseThrow().lastSeq()).isEqualTo(4);
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
  void refusesToLeaseAnExecutionWithoutEvents() {
    assertThatThrownBy(() -> store.claim(ExecutionId.random(), "node-a", clock.instant(),
        Duration.ofSeconds(30))).isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_NOT_FOUND));
  }

  @Test
  void measuresABareCommit() {
    Duration mean = CommitProbe.meanCommit(jdbc(), 200);

    System.out.printf("%s: mean bare commit %.3f ms%n", getClass().getSimpleName(),
        mean.toNanos() / 1e6);
    assertThat(mean).isPositive().isLessThan(Duration.ofSeconds(1));
  }

  // ---------------------------------------------------------------- helpers

  /** The executions, plan_versions, steps and approvals rows say what {@code fold} says. */
  private void assertProjectionsMatch(ExecutionState fold) throws SQLException {
    ExecutionId id = fold.id();
    assertThat(store.summary(id)).contains(new ExecutionSummary(id, fold.tenant(), fold.status(),
        fold.request(), fold.createdAt(), fold.updatedAt(), fold.planVersion(),
        fold.steps().size(), fold.finishedSteps(), fold.lastSeq()));
    assertThat(longs("SELECT version FROM plan_versions WHERE execution_id = ? ORDER BY version",
        id.value())).isEqualTo(fold.versions().stream().map(v -> (long) v.version()).toList());
    Map<String, String> steps = new LinkedHashMap<>();
    for (StepState s : fold.steps().values()) {
      steps.put(s.id().value(), stepRow(s.status(), s.attempts(), Timestamps.text(s.startedAt()),
          Timestamps.text(s.finishedAt()), StoredJson.write(s.error())));
    }
    assertThat(stepRows(id)).isEqualTo(steps);
    Map<String, String> approvals = new LinkedHashMap<>();
    for (Approval a : fold.approvals().values()) {
      approvals.put(a.id().value(), String.join(" ", a.status().name(),
          String.valueOf(a.escalated() ? 1 : 0), String.valueOf(a.decidedBy()),
          String.valueOf(a.comment()), String.valueOf(StoredJson.write(a.editedArguments())),
          String.valueOf(Timestamps.text(a.decidedAt()))));
    }
    assertThat(approvalRows(id)).isEqualTo(approvals);
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

  private Map<String, String> expectedStepRows(ExecutionId id) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (StepState s : store.load(id).steps().values()) {
      rows.put(s.id().value(), stepRow(s.status(), s.attempts(), Timestamps.text(s.startedAt()),
          Timestamps.text(s.finishedAt()), StoredJson.write(s.error())));
    }
    return rows;
  }

  private Map<String, String> stepRows(ExecutionId id) throws SQLException {
    try (Connection c = jdbc().dataSource().getConnection();
        PreparedStatement select = c.prepareStatement("SELECT step_id, status, attempts,"
            + " started_at, finished_at, error FROM steps WHERE execution_id = ?")) {
      select.setString(1, id.value());
      Map<String, String> rows = new LinkedHashMap<>();
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          rows.put(r.getString(1), stepRow(StepStatus.valueOf(r.getString(2)), r.getInt(3),
              r.getString(4), r.getString(5), r.getString(6)));
        }
      }
      return rows;
    }
  }

  private static String stepRow(StepStatus status, int attempts, String startedAt,
      String finishedAt, String error) {
    return status + " " + attempts + " " + startedAt + " " + finishedAt + " " + error;
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
