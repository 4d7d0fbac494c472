package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalStatus;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.feedback.Feedback;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.port.ProcessLease;
import dev.baton.core.port.StoredEvent;
import dev.baton.core.port.ExecutionQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The behaviour every {@link ExecutionStore} must show, as JUnit 5 tests; the in-memory store in core
 * is the reference. Extend it and return a fresh, empty store from {@link #newStore()}: the suite
 * opens one before each test and closes whatever {@link #store} holds after it (a test may reopen
 * the store and assign the new one). Events are stamped by {@link #clock}, which tests advance.
 * The result cache has a contract of its own ({@link ResultCacheContract}).
 */
public abstract class ExecutionStoreContract {
  private static final int RACE_ROUNDS = 20;
  private static final Duration LEASE = Duration.ofSeconds(30);

  protected final FakeClock clock = new FakeClock();
  protected ExecutionStore store;

  /** A new, empty store; called once before each test. */
  protected abstract ExecutionStore newStore();

  @BeforeEach
  final void openStoreUnderTest() {
    store = newStore();
  }

  @AfterEach
  final void closeStoreUnderTest() {
    if (store != null) {
      store.close();
    }
  }

  // ---------------------------------------------------------------- the log

  @Test
  void readsBackEveryKindOfEventAsAppended() {
    Events run = Events.newExecution(clock);
    List<Event> log = everyKindOfEvent(run);

    store.append(log);

    assertThat(store.events(run.execution(), 0)).isEqualTo(log);
    // why: every kind once, and a question from a call beside the one from a human step
    assertThat(log.stream().map(Event::getClass).distinct().count())
        .isEqualTo(Event.class.getPermittedSubclasses().length);
  }

  @Test
  void appendsBatchesThatContinueTheSeq() {
    Events run = Events.newExecution(clock);
    List<Event> first = run.started("acme");
    List<Event> second = run.stepRun("fetch", Json.object().put("text", "hello"));

    store.append(first);
    store.append(second);

    assertThat(store.events(run.execution(), 0)).isEqualTo(concat(first, second));
  }

  @Test
  void appendsALongBatchInOrderAtConsecutivePositions() {
    Events run = Events.newExecution(clock);
    List<Event> log = new java.util.ArrayList<>(run.started("acme"));
    for (int i = 0; i < 20; i++) {
      log.add(run.logged("fetch", "line " + i));
    }

    long last = store.append(log);

    assertThat(store.events(run.execution(), 0)).isEqualTo(log);
    List<StoredEvent> all = store.eventsSince(0, null, 100);
    assertThat(all).extracting(StoredEvent::event).isEqualTo(log);
    assertThat(all).extracting(StoredEvent::position)
        .isEqualTo(java.util.stream.LongStream.rangeClosed(last - log.size() + 1, last).boxed()
            .toList());
  }

  @Test
  void readsOnlyTheEventsAfterTheGivenSeq() {
    Events run = Events.newExecution(clock);
    List<Event> log = concat(run.started("acme"), run.stepRun("fetch", Json.object()));
    store.append(log);
    ExecutionId id = run.execution();

    assertThat(store.events(id, 2)).isEqualTo(log.subList(2, 5));
    assertThat(store.events(id, 4)).containsExactly(log.get(4));
    assertThat(store.events(id, 5)).isEmpty();
    assertThat(store.events(id, 99)).isEmpty();
    assertThat(store.events(id, -1)).isEqualTo(log);
  }

  @Test
  void readsNoEventsOfAnUnknownExecution() {
    assertThat(store.events(ExecutionId.random(), 0)).isEmpty();
  }

  @Test
  void numbersEveryEventInCommitOrderAcrossExecutions() {
    Events a = Events.newExecution(clock);
    Events b = Events.newExecution(clock);
    List<Event> first = a.started("acme");
    List<Event> second = b.started("globex");
    List<Event> third = a.stepRun("fetch", Json.object());
    assertThat(store.lastPosition()).isZero();

    store.append(first);
    store.append(second);
    store.append(third);

    List<StoredEvent> all = store.eventsSince(0, null, 100);
    assertThat(all).extracting(StoredEvent::event).isEqualTo(concat(first, second, third));
    assertThat(all).extracting(StoredEvent::position).isSorted().doesNotHaveDuplicates();
    assertThat(store.lastPosition()).isEqualTo(all.getLast().position());
  }

  @Test
  void keepsOneRatingPerPersonAndExecutionAndReadsThemPerTenant() {
    Events a = Events.newExecution(clock);
    Events b = Events.newExecution(clock);
    store.append(a.started("acme"));
    store.append(b.started("globex"));
    Instant t0 = clock.instant();
    var feedback = store.feedback();
    feedback.record(new Feedback("acme", a.execution(), Feedback.Rating.BAD, "wrong Yoav", "dana",
        t0));
    feedback.record(new Feedback("acme", a.execution(), Feedback.Rating.GOOD, null, null,
        t0.plusSeconds(1)));
    feedback.record(new Feedback("globex", b.execution(), Feedback.Rating.GOOD, "כל הכבוד", "avi",
        t0.plusSeconds(2)));
    // the same person again: replaces, never adds
    feedback.record(new Feedback("acme", a.execution(), Feedback.Rating.GOOD, "fixed", "dana",
        t0.plusSeconds(3)));

    assertThat(feedback.of("acme", a.execution()))
        .containsExactly(
            new Feedback("acme", a.execution(), Feedback.Rating.GOOD, null, null,
                t0.plusSeconds(1)),
            new Feedback("acme", a.execution(), Feedback.Rating.GOOD, "fixed", "dana",
                t0.plusSeconds(3)));
    assertThat(feedback.of("globex", a.execution())).isEmpty();
    assertThat(feedback.recent("acme", 1)).extracting(Feedback::comment).containsExactly("fixed");
    assertThat(feedback.recent("globex", 10)).extracting(Feedback::comment)
        .containsExactly("כל הכבוד");
  }

  @Test
  void readsEventsAfterAPositionForOneTenantOrAll() {
    Events a = Events.newExecution(clock);
    Events b = Events.newExecution(clock);
    store.append(a.started("acme"));
    store.append(b.started("globex"));
    List<Event> later = a.stepRun("fetch", Json.object());
    store.append(later);
    List<StoredEvent> all = store.eventsSince(0, null, 100);
    long afterGlobex = all.stream().filter(e -> e.event().execution().equals(b.execution()))
        .mapToLong(StoredEvent::position).max().orElseThrow();

    assertThat(store.eventsSince(afterGlobex, "acme", 100)).extracting(StoredEvent::event)
        .isEqualTo(later);
    assertThat(store.eventsSince(0, "globex", 100)).extracting(e -> e.event().execution())
        .containsOnly(b.execution());
    assertThat(store.eventsSince(0, null, 2)).isEqualTo(all.subList(0, 2));
    assertThat(store.eventsSince(all.getLast().position(), null, 100)).isEmpty();
    assertThat(store.eventsSince(0, "initech", 100)).isEmpty();
  }

  @Test
  void ignoresAnEmptyAppend() {
    store.append(List.of());

    assertThat(store.list(null, 10)).isEmpty();
  }

  // ---------------------------------------------------------------- seq discipline

  @Test
  void rejectsANewExecutionWhoseFirstSeqIsNotOne() {
    Events run = Events.newExecution(clock).resumeAfter(1);

    assertConflict(() -> store.append(List.of(run.created("acme"))));

    assertNothingStored(run.execution());
  }

  @Test
  void rejectsAppendThatSkipsASeq() {
    Events run = started("acme");
    List<Event> before = store.events(run.execution(), 0);
    Event gap = run.resumeAfter(3).stepStarted("fetch");

    assertConflict(() -> store.append(List.of(gap)));

    assertUnchanged(run.execution(), before);
  }

  @Test
  void rejectsAppendThatRepeatsASeq() {
    Events run = started("acme");
    store.append(List.of(run.stepStarted("fetch")));
    List<Event> before = store.events(run.execution(), 0);
    Event repeat = run.resumeAfter(2).logged("fetch", "again");

    assertConflict(() -> store.append(List.of(repeat)));

    assertUnchanged(run.execution(), before);
  }

  @Test
  void rejectsTheWholeBatchWhenALaterEventSkipsASeq() {
    Events run = started("acme");
    List<Event> before = store.events(run.execution(), 0);
    List<Event> batch = List.of(run.stepStarted("fetch"), run.attemptStarted("fetch", 1).withSeq(6));

    assertThatThrownBy(() -> store.append(batch)).isInstanceOfSatisfying(BatonException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT));

    assertUnchanged(run.execution(), before);
  }

  @Test
  void leavesNoTraceOfANewExecutionWhoseBatchFails() {
    Events run = Events.newExecution(clock);
    List<Event> batch = List.of(run.created("acme"), run.stepStarted("fetch").withSeq(5));

    assertThatThrownBy(() -> store.append(batch)).isInstanceOf(BatonException.class);

    assertNothingStored(run.execution());
    Event retry = Events.of(run.execution(), clock).created("acme");
    store.append(List.of(retry));
    assertThat(store.events(run.execution(), 0)).containsExactly(retry);
  }

  @Test
  void letsExactlyOneOfTwoRacingAppendsWin() throws Exception {
    ExecutionId id = ExecutionId.random();
    Events a = Events.of(id, clock);
    Events b = Events.of(id, clock);
    assertExactlyOneWins(a.created("acme", "from a", Events.demoPlan()),
        b.created("acme", "from b", Events.demoPlan()));

    for (int round = 1; round <= RACE_ROUNDS; round++) {
      assertExactlyOneWins(a.resumeAfter(round).logged("fetch", "a" + round),
          b.resumeAfter(round).logged("fetch", "b" + round));
    }
    assertThat(store.events(id, 0)).hasSize(RACE_ROUNDS + 1)
        .extracting(Event::seq).containsExactly(seqs(RACE_ROUNDS + 1));
  }

  // ---------------------------------------------------------------- load

  @Test
  void loadFoldsTheWholeLog() {
    Events run = Events.newExecution(clock);
    List<Event> log = everyKindOfEvent(run);
    store.append(log.subList(0, 6));
    store.append(log.subList(6, log.size()));

    assertSameState(store.load(run.execution()), ExecutionState.replay(log));
  }

  @Test
  void loadHandsOutAStateTheCallerMayChange() {
    Events run = started("acme");
    store.load(run.execution()).apply(run.stepStarted("fetch"));

    ExecutionState again = store.load(run.execution());

    assertThat(again.lastSeq()).isEqualTo(2);
    assertThat(again.step(StepId.of("fetch")).status()).isEqualTo(StepStatus.PENDING);
  }

  @Test
  void loadThrowsNotFoundForAnUnknownExecution() {
    assertThatThrownBy(() -> store.load(ExecutionId.random()))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_NOT_FOUND));
  }

  // ---------------------------------------------------------------- summaries and listings

  @Test
  void summaryDescribesTheLatestState() {
    Instant createdAt = clock.instant();
    Events run = started("acme");
    clock.advance(Duration.ofSeconds(5));
    List<Event> fetch = run.stepRun("fetch", Json.object().put("text", "hello"));
    store.append(fetch);

    assertThat(store.summary(run.execution())).contains(new ExecutionSummary(run.execution(),
        "acme", ExecutionStatus.RUNNING, "echo, shout and send hello", createdAt,
        fetch.getLast().at(), 1, 3, 1, 5));
  }

  @Test
  void summaryIsEmptyForAnUnknownExecution() {
    assertThat(store.summary(ExecutionId.random())).isEmpty();
  }

  @Test
  void summaryFollowsANewPlanVersionThatKeepsFinishedSteps() {
    Events run = started("acme");
    store.append(run.stepRun("fetch", Json.object().put("text", "hello")));
    Step fetch = Events.demoPlan().steps().getFirst();
    Plan replanned = new Plan(List.of(fetch, Step.of("notify", Events.SEND, Json.object())));

    store.append(List.of(run.planVersion(replanned, "shorter")));

    ExecutionSummary summary = store.summary(run.execution()).orElseThrow();
    assertThat(summary.planVersion()).isEqualTo(2);
    assertThat(summary.stepsTotal()).isEqualTo(2);
    assertThat(summary.stepsFinished()).isEqualTo(1);
    ExecutionState state = store.load(run.execution());
    assertThat(state.steps()).containsOnlyKeys(StepId.of("fetch"), StepId.of("notify"));
    assertThat(state.versions()).extracting(v -> v.reason()).containsExactly("submitted", "shorter");
  }

  @Test
  void listsNewestFirst() {
    ExecutionId oldest = started("acme").execution();
    clock.advance(Duration.ofMinutes(1));
    ExecutionId middle = started("globex").execution();
    clock.advance(Duration.ofMinutes(1));
    ExecutionId newest = started("acme").execution();

    assertThat(store.list(null, 10)).extracting(ExecutionSummary::id)
        .containsExactly(newest, middle, oldest);
  }

  @Test
  void listsOnlyTheGivenTenant() {
    ExecutionId first = started("acme").execution();
    clock.advance(Duration.ofMinutes(1));
    started("globex");
    clock.advance(Duration.ofMinutes(1));
    ExecutionId second = started("acme").execution();

    assertThat(store.list("acme", 10)).extracting(ExecutionSummary::id)
        .containsExactly(second, first);
    assertThat(store.list("initech", 10)).isEmpty();
  }

  @Test
  void listsAtMostTheLimit() {
    started("acme");
    clock.advance(Duration.ofMinutes(1));
    ExecutionId middle = started("acme").execution();
    clock.advance(Duration.ofMinutes(1));
    ExecutionId newest = started("acme").execution();

    assertThat(store.list(null, 2)).extracting(ExecutionSummary::id)
        .containsExactly(newest, middle);
    assertThat(store.list(null, 0)).isEmpty();
  }

  @Test
  void listsUnfinishedExecutionsOldestFirst() {
    ExecutionId running = started("acme").execution();
    clock.advance(Duration.ofMinutes(1));
    finished(ExecutionStatus.SUCCEEDED);
    clock.advance(Duration.ofMinutes(1));
    Events queued = Events.newExecution(clock);
    store.append(List.of(queued.created("acme")));
    clock.advance(Duration.ofMinutes(1));
    finished(ExecutionStatus.FAILED);
    clock.advance(Duration.ofMinutes(1));
    finished(ExecutionStatus.CANCELLED);
    clock.advance(Duration.ofMinutes(1));
    Events paused = started("globex");
    store.append(List.of(paused.status(ExecutionStatus.PAUSED)));

    assertThat(store.unfinished()).containsExactly(running, queued.execution(),
        paused.execution());
  }

  @Test
  void pagesThroughExecutionsWithACursorAndFilters() {
    List<ExecutionId> newestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Events run = Events.newExecution(clock);
      store.append(List.of(run.created("acme", i % 2 == 0 ? "meet Yoav " + i : "summary " + i,
          Events.demoPlan()), run.status(ExecutionStatus.RUNNING)));
      if (i == 3) {
        store.append(List.of(run.status(ExecutionStatus.CANCELLED)));
      }
      newestFirst.addFirst(run.execution());
      clock.advance(Duration.ofMinutes(1));
    }
    ExecutionQuery two = ExecutionQuery.all("acme").limit(2);

    var first = store.list(two);
    var second = store.list(two.after(first.items().getLast()));
    var third = store.list(two.after(second.items().getLast()));

    assertThat(first.items()).extracting(ExecutionSummary::id)
        .containsExactlyElementsOf(newestFirst.subList(0, 2));
    assertThat(first.more()).isTrue();
    assertThat(second.items()).extracting(ExecutionSummary::id)
        .containsExactlyElementsOf(newestFirst.subList(2, 4));
    assertThat(third.items()).extracting(ExecutionSummary::id)
        .containsExactly(newestFirst.get(4));
    assertThat(third.more()).isFalse();
    assertThat(store.list(ExecutionQuery.all(null).text("YOAV")).items())
        .extracting(ExecutionSummary::request).containsExactly("meet Yoav 4", "meet Yoav 2",
            "meet Yoav 0");
    assertThat(store.list(ExecutionQuery.all(null)
        .statuses(java.util.Set.of(ExecutionStatus.CANCELLED))).items())
        .extracting(ExecutionSummary::id).containsExactly(newestFirst.get(1));
    assertThat(store.list(ExecutionQuery.all("globex")).items()).isEmpty();
  }

  // ---------------------------------------------------------------- approvals

  @Test
  void anEndedExecutionListsNoPendingApproval() {
    Events run = readyToSend("acme");
    store.append(List.of(run.approvalRequested("send")));
    assertThat(store.countPendingHumanSteps(null)).isEqualTo(1);

    store.append(List.of(run.status(ExecutionStatus.CANCELLED)));

    assertThat(store.pendingApprovals(null)).isEmpty();
    assertThat(store.countPendingHumanSteps("acme")).isZero();
    assertThat(store.load(run.execution()).pendingApprovals()).isEmpty();
  }

  @Test
  void pagesThroughPendingApprovalsAndCountsHumanSteps() {
    List<ExecutionId> oldestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Events run = readyToSend(i == 4 ? "globex" : "acme");
      store.append(List.of(run.approvalRequested("send")));
      oldestFirst.add(run.execution());
      clock.advance(Duration.ofSeconds(1));
    }
    Events asking = readyToSend("acme");
    store.append(List.of(asking.questionAsked("send", Json.object().put("question", "who?"),
        null, ExpiryPolicy.REJECT)));

    assertThat(store.pendingApprovals("acme", 1, 2)).extracting(Approval::execution)
        .containsExactlyElementsOf(oldestFirst.subList(1, 3));
    assertThat(store.pendingApprovals(null, 4, 10)).extracting(Approval::execution)
        .containsExactly(oldestFirst.get(4));
    assertThat(store.countPendingHumanSteps("acme")).isEqualTo(5);
    assertThat(store.countPendingHumanSteps(null)).isEqualTo(6);
    assertThat(store.pendingQuestions("acme", 0, 10)).singleElement().satisfies(q -> {
      assertThat(q.execution()).isEqualTo(asking.execution());
      assertThat(q.input().get("question").asString()).isEqualTo("who?");
    });
    store.append(List.of(asking.questionAnswered("send", Json.object().put("value", "x"),
        "dana")));
    assertThat(store.pendingQuestions(null, 0, 10)).isEmpty();
    assertThat(store.countPendingHumanSteps(null)).isEqualTo(5);
  }

  @Test
  void aQuestionFromACallIsKeptWithItsAnswerSchemaUntilWithdrawn() {
    Events run = readyToSend("acme");
    ObjectNode schema = Json.object().put("type", "object");
    schema.putObject("properties").putObject("room").put("type", "string");
    store.append(List.of(run.callAsked("send", Json.object().put("question", "which room?"),
        schema)));
    assertThat(store.load(run.execution()).pendingQuestions()).singleElement()
        .satisfies(q -> assertThat(q.answerSchema()).isEqualTo(schema));
    assertThat(store.pendingQuestions("acme", 0, 10)).hasSize(1);

    store.append(List.of(run.questionWithdrawn("send", "the call ended")));

    assertThat(store.pendingQuestions(null, 0, 10)).isEmpty();
    assertThat(store.countPendingHumanSteps("acme")).isZero();
    assertThat(store.load(run.execution()).questions().values()).singleElement()
        .extracting(dev.baton.core.exec.Question::status)
        .isEqualTo(dev.baton.core.exec.Question.QuestionStatus.WITHDRAWN);
  }

  @Test
  void keepsWhatAnApprovalWillDoInEitherScript() {
    Events run = readyToSend("acme");
    String preview = "\u201cסקירת דצמבר\u201d, 2026-11-26 10:30–11:30, with yoav@example.com";
    store.append(List.of(run.approvalRequested("send", Json.object().put("to", "יואב"), null,
        ExpiryPolicy.REJECT, preview)));
    assertThat(store.pendingApprovals(null)).singleElement()
        .satisfies(a -> assertThat(a.preview()).isEqualTo(preview));
    assertThat(store.load(run.execution()).pendingApprovals().getFirst().preview())
        .isEqualTo(preview);
  }

  @Test
  void listsAnApprovalAsPendingOnceRequested() {
    Events run = readyToSend("acme");
    store.append(List.of(run.approvalRequested("send")));

    Approval pending = store.load(run.execution()).pendingApprovals().getFirst();
    assertThat(store.pendingApprovals(null)).containsExactly(pending);
    assertThat(pending.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(pending.tool()).isEqualTo(Events.SEND);
    assertThat(pending.step()).isEqualTo(StepId.of("send"));
    assertThat(pending.arguments())
        .isEqualTo(Events.demoPlan().step(StepId.of("send")).orElseThrow().args());
  }

  @Test
  void dropsAnApprovalFromPendingOnceDecided() {
    Events approved = readyToSend("acme");
    store.append(List.of(approved.approvalRequested("send")));
    Events rejected = readyToSend("acme");
    store.append(List.of(rejected.approvalRequested("send")));

    store.append(List.of(approved.approvalDecided("send", true, "dana")));
    store.append(List.of(rejected.approvalDecided("send", false, "dana")));

    assertThat(store.pendingApprovals(null)).isEmpty();
    assertThat(store.pendingApprovals("acme")).isEmpty();
  }

  @Test
  void keepsAnEscalatedApprovalPendingButNotARejectedOne() {
    Events escalated = readyToSend("acme");
    store.append(List.of(escalated.approvalRequested("send", Json.object(),
        clock.instant().plusSeconds(60), ExpiryPolicy.ESCALATE)));
    Events expired = readyToSend("acme");
    store.append(List.of(expired.approvalRequested("send", Json.object(),
        clock.instant().plusSeconds(60), ExpiryPolicy.REJECT)));
    clock.advance(Duration.ofMinutes(2));

    store.append(List.of(escalated.approvalExpired("send", ExpiryPolicy.ESCALATE)));
    store.append(List.of(expired.approvalExpired("send", ExpiryPolicy.REJECT)));

    assertThat(store.pendingApprovals(null)).singleElement().satisfies(a -> {
      assertThat(a.execution()).isEqualTo(escalated.execution());
      assertThat(a.escalated()).isTrue();
    });
  }

  @Test
  void listsPendingApprovalsOfTheGivenTenantOldestFirst() {
    Events acmeFirst = readyToSend("acme");
    Events globex = readyToSend("globex");
    Events acmeSecond = readyToSend("acme");
    store.append(List.of(acmeSecond.approvalRequested("send")));
    clock.advance(Duration.ofSeconds(1));
    store.append(List.of(globex.approvalRequested("send")));
    clock.advance(Duration.ofSeconds(1));
    store.append(List.of(acmeFirst.approvalRequested("send")));

    assertThat(store.pendingApprovals(null)).extracting(Approval::execution).containsExactly(
        acmeSecond.execution(), globex.execution(), acmeFirst.execution());
    assertThat(store.pendingApprovals("acme")).extracting(Approval::execution)
        .containsExactly(acmeSecond.execution(), acmeFirst.execution());
    assertThat(store.pendingApprovals("initech")).isEmpty();
  }

  // ---------------------------------------------------------------- processes and holders

  private ProcessLease process(String id, Instant until) {
    return new ProcessLease(id, "host-1", 4242, clock.instant(), until);
  }

  private void alive(String id) {
    store.heartbeat(process(id, clock.instant().plus(LEASE)), clock.instant());
  }

  @Test
  void claimOfAnUnknownExecutionIsNotFound() {
    assertThatThrownBy(() -> store.claim(ExecutionId.of("ex-unknown"), "node-a", clock.instant()))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EXECUTION_NOT_FOUND));
  }

  @Test
  void aLogMustBeginWithExecutionCreated() {
    Events run = Events.newExecution(clock);
    assertThatThrownBy(() -> store.append(List.of(run.status(ExecutionStatus.RUNNING))))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT));
    assertThat(store.events(run.execution(), 0)).isEmpty();
  }

  @Test
  void aHeartbeatSaysWhetherTheProcessWasAliveBefore() {
    Instant start = clock.instant();
    assertThat(store.heartbeat(process("node-a", start.plus(LEASE)), start)).isFalse();
    assertThat(store.heartbeat(process("node-a", start.plusSeconds(40)), start.plusSeconds(10)))
        .isTrue();
    assertThat(store.heartbeat(process("node-a", start.plusSeconds(90)), start.plusSeconds(41)))
        .isFalse();
    store.retire("node-a");
    assertThat(store.heartbeat(process("node-a", start.plusSeconds(99)), start.plusSeconds(42)))
        .isFalse();
    assertThat(store.processes()).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo("node-a");
      assertThat(p.host()).isEqualTo("host-1");
      assertThat(p.pid()).isEqualTo(4242);
      assertThat(p.until()).isEqualTo(start.plusSeconds(99));
    });
  }

  @Test
  void claimsAnExecutionNobodyHolds() {
    ExecutionId id = started("acme").execution();
    alive("node-a");

    assertThat(store.claim(id, "node-a", clock.instant())).isTrue();

    assertThat(store.holder(id, clock.instant())).map(ProcessLease::id).contains("node-a");
  }

  @Test
  void aLiveHolderKeepsItsExecutionsUntilItsLeaseRunsOut() {
    ExecutionId id = started("acme").execution();
    Instant start = clock.instant();
    alive("node-a");
    store.claim(id, "node-a", start);

    assertThat(store.claim(id, "node-b", start.plusSeconds(29))).isFalse();
    assertThat(store.holder(id, start.plusSeconds(29))).map(ProcessLease::id)
        .contains("node-a");
    assertThat(store.holder(id, start.plus(LEASE))).isEmpty();
    assertThat(store.claim(id, "node-b", start.plus(LEASE))).isTrue();
  }

  @Test
  void retiringAProcessFreesItsExecutionsAtOnce() {
    ExecutionId id = started("acme").execution();
    alive("node-a");
    store.claim(id, "node-a", clock.instant());

    store.retire("node-a");

    assertThat(store.holder(id, clock.instant())).isEmpty();
    assertThat(store.claim(id, "node-b", clock.instant())).isTrue();
  }

  @Test
  void aHolderNoProcessRowNamesCountsAsGone() {
    ExecutionId id = started("acme").execution();
    store.claim(id, "ghost", clock.instant());

    assertThat(store.holder(id, clock.instant())).isEmpty();
    assertThat(store.claim(id, "node-b", clock.instant())).isTrue();
  }

  @Test
  void releasesAnExecutionOnlyForItsHolder() {
    ExecutionId id = started("acme").execution();
    alive("node-a");
    alive("node-b");
    store.claim(id, "node-a", clock.instant());

    store.release(id, "node-b");
    assertThat(store.holder(id, clock.instant())).map(ProcessLease::id).contains("node-a");

    store.release(id, "node-a");
    assertThat(store.holder(id, clock.instant())).isEmpty();
    assertThat(store.claim(id, "node-b", clock.instant())).isTrue();
  }

  @Test
  void aNewExecutionCanBeAppendedAlreadyHeld() {
    alive("node-a");
    Events run = Events.newExecution(clock);

    store.append(run.started("acme"), null, "node-a");

    assertThat(store.holder(run.execution(), clock.instant())).map(ProcessLease::id)
        .contains("node-a");
    assertThat(store.claim(run.execution(), "node-b", clock.instant())).isFalse();
  }

  @Test
  void keepsTheHolderWhileEventsAreAppended() {
    alive("node-a");
    Events run = started("acme");
    store.claim(run.execution(), "node-a", clock.instant());

    store.append(run.stepRun("fetch", Json.object()));

    assertThat(store.holder(run.execution(), clock.instant())).map(ProcessLease::id)
        .contains("node-a");
  }

  @Test
  void takesOverOrphansOldestFirstWithTheirNextHumanStepTimeout() {
    alive("live");
    ExecutionId held = started("acme").execution();
    store.claim(held, "live", clock.instant());
    clock.advance(Duration.ofSeconds(1));
    ExecutionId running = started("acme").execution();
    store.claim(running, "dead", clock.instant());
    clock.advance(Duration.ofSeconds(1));
    finished(ExecutionStatus.SUCCEEDED);
    clock.advance(Duration.ofSeconds(1));
    Events waiting = readyToSend("acme");
    Instant expires = clock.instant().plus(Duration.ofHours(2));
    store.append(List.of(waiting.approvalRequested("send", Json.object(), expires,
        ExpiryPolicy.REJECT), waiting.status(ExecutionStatus.WAITING_FOR_APPROVAL)));
    clock.advance(Duration.ofSeconds(1));
    ExecutionId third = started("acme").execution();

    List<ExecutionStore.Claimed> first = store.claimOrphans("me", clock.instant(), 2);
    List<ExecutionStore.Claimed> rest = store.claimOrphans("me", clock.instant(), 10);

    assertThat(first).extracting(ExecutionStore.Claimed::id)
        .containsExactly(running, waiting.execution());
    assertThat(first.get(1).status()).isEqualTo(ExecutionStatus.WAITING_FOR_APPROVAL);
    assertThat(first.get(1).wakeAt()).isEqualTo(expires);
    assertThat(first.get(0).wakeAt()).isNull();
    assertThat(rest).extracting(ExecutionStore.Claimed::id).containsExactly(third);
    assertThat(store.claimOrphans("me", clock.instant(), 10)).isEmpty();
    assertThat(store.claim(held, "me", clock.instant())).isFalse();
  }

  // ---------------------------------------------------------------- text

  @Test
  void keepsHebrewTextIntact() {
    String tenant = "משרד-תל-אביב";
    String request = "קְבַע פגישה עם יואב ביום שלישי ב־10:00, ותשלח לדנה סיכום 🙂";
    ObjectNode args = Json.object().put("title", "פגישת צוות: תכנון רבעון");
    args.putArray("attendees").add("יואב").add("דנה");
    Events run = Events.newExecution(clock);
    List<Event> log = List.of(
        run.created(tenant, request, new Plan(List.of(Step.of("invite", Events.SEND, args)))),
        run.status(ExecutionStatus.RUNNING),
        run.logged("invite", "שולח הזמנה ל־2 משתתפים"),
        run.approvalRequested("invite"));

    store.append(log);

    assertThat(store.events(run.execution(), 0)).isEqualTo(log);
    assertThat(store.summary(run.execution()).orElseThrow().request()).isEqualTo(request);
    assertThat(store.list(tenant, 10)).extracting(ExecutionSummary::tenant).containsExactly(tenant);
    assertThat(store.pendingApprovals(tenant)).singleElement()
        .satisfies(a -> assertThat(a.arguments()).isEqualTo(args));

  }

  // ---------------------------------------------------------------- helpers

  /** Appends a new execution for {@code tenant} (created, then running) and returns its builder. */
  protected Events started(String tenant) {
    Events run = Events.newExecution(clock);
    store.append(run.started(tenant));
    return run;
  }

  /** A started execution whose first two steps succeeded; "send" waits for its approval. */
  protected Events readyToSend(String tenant) {
    Events run = started(tenant);
    store.append(run.stepRun("fetch", Json.object().put("text", "hello")));
    store.append(run.stepRun("shout", Json.object().put("text", "HELLO")));
    store.append(List.of(run.stepStarted("send")));
    return run;
  }

  private void finished(ExecutionStatus end) {
    Events run = started("acme");
    store.append(List.of(run.status(end)));
  }

  /** One event of each kind, in an order the fold accepts. */
  protected static List<Event> everyKindOfEvent(Events run) {
    List<Event> log = new ArrayList<>();
    log.add(run.created("acme"));
    log.add(run.modelUsed("planning", 1, 3421, 200));
    log.add(run.planApprovalRequested());
    log.add(run.planApprovalDecided(true, "dana"));
    log.add(run.status(ExecutionStatus.RUNNING));
    log.add(run.stepStarted("fetch"));
    log.add(run.stage("fetch", Event.Stage.CACHE_MISS, "demo.echo|acme"));
    log.add(run.attemptStarted("fetch", 1));
    log.add(run.attemptFailed("fetch", 1, "connection reset", Duration.ofMillis(1500)));
    log.add(run.logged("fetch", "retrying"));
    log.add(run.stepSucceeded("fetch", Json.object().put("text", "hello")));
    log.add(run.stepFailed("shout", "upper-casing failed"));
    log.add(run.approvalRequested("send"));
    log.add(run.approvalExpired("send", ExpiryPolicy.ESCALATE));
    log.add(run.approvalEdited("send", Json.object().put("to", "yoav@example.com"), "dana"));
    log.add(run.planVersion(Events.demoPlan(), "retry shout"));
    log.add(run.stepSkipped("shout", "not needed"));
    log.add(run.stepCancelled("send"));
    log.add(run.questionAsked("fetch", Json.object().put("question", "which?"), null,
        ExpiryPolicy.ESCALATE));
    log.add(run.questionExpired("fetch", ExpiryPolicy.ESCALATE));
    log.add(run.questionAnswered("fetch", Json.object().put("value", "this one"), "dana"));
    log.add(run.callAsked("shout", Json.object().put("question", "how loud?"),
        Json.object().put("type", "object")));
    log.add(run.questionWithdrawn("shout", "the call ended"));
    log.add(run.planningFailed("not understood"));
    return log;
  }

  private void assertExactlyOneWins(Event x, Event y) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    List<Optional<BatonException>> outcomes;
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Optional<BatonException>> fx = threads.submit(() -> appendTogether(start, x));
      Future<Optional<BatonException>> fy = threads.submit(() -> appendTogether(start, y));
      outcomes = List.of(fx.get(30, TimeUnit.SECONDS), fy.get(30, TimeUnit.SECONDS));
    }
    assertThat(outcomes).filteredOn(Optional::isEmpty).hasSize(1);
    assertThat(outcomes).filteredOn(Optional::isPresent).singleElement()
        .satisfies(o -> assertThat(o.orElseThrow().code()).isEqualTo(ErrorCode.STORE_CONFLICT));
    Event winner = outcomes.getFirst().isEmpty() ? x : y;
    assertThat(store.events(x.execution(), x.seq() - 1)).containsExactly(winner);
  }

  private Optional<BatonException> appendTogether(CyclicBarrier start, Event event)
      throws Exception {
    start.await(10, TimeUnit.SECONDS);
    try {
      store.append(List.of(event));
      return Optional.empty();
    } catch (BatonException e) {
      return Optional.of(e);
    }
  }

  private static void assertConflict(Runnable append) {
    assertThatThrownBy(append::run).isInstanceOfSatisfying(BatonException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CONFLICT));
  }

  private void assertUnchanged(ExecutionId id, List<Event> before) {
    assertThat(store.events(id, 0)).isEqualTo(before);
    assertThat(store.summary(id).orElseThrow().lastSeq()).isEqualTo(before.getLast().seq());
    assertSameState(store.load(id), ExecutionState.replay(before));
  }

  private void assertNothingStored(ExecutionId id) {
    assertThat(store.events(id, 0)).isEmpty();
    assertThat(store.summary(id)).isEmpty();
    assertThat(store.list(null, 10)).isEmpty();
    assertThat(store.unfinished()).isEmpty();
  }

  /** Compares two folds by everything they expose. */
  protected static void assertSameState(ExecutionState actual, ExecutionState expected) {
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.tenant()).isEqualTo(expected.tenant());
    assertThat(actual.request()).isEqualTo(expected.request());
    assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
    assertThat(actual.updatedAt()).isEqualTo(expected.updatedAt());
    assertThat(actual.lastSeq()).isEqualTo(expected.lastSeq());
    assertThat(actual.status()).isEqualTo(expected.status());
    assertThat(actual.statusReason()).isEqualTo(expected.statusReason());
    assertThat(actual.options()).isEqualTo(expected.options());
    assertThat(actual.versions()).isEqualTo(expected.versions());
    assertThat(actual.steps()).isEqualTo(expected.steps());
    assertThat(actual.approvals()).isEqualTo(expected.approvals());
    assertThat(actual.questions()).isEqualTo(expected.questions());
    assertThat(actual.planApprovalPending()).isEqualTo(expected.planApprovalPending());
  }

  @SafeVarargs
  private static List<Event> concat(List<Event>... parts) {
    List<Event> all = new ArrayList<>();
    for (List<Event> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  private static Long[] seqs(int count) {
    Long[] seqs = new Long[count];
    for (int i = 0; i < count; i++) {
      seqs[i] = i + 1L;
    }
    return seqs;
  }
}
