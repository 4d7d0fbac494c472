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
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.port.StoredEvent;
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
 * the store and assign the new one). Events are stamped by {@link #clock}, which tests
 * advance; only the cache expiry test waits on real time, because {@code ResultCache} takes no clock.
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
    assertThat(log).extracting(e -> e.getClass().getSimpleName()).doesNotHaveDuplicates()
        .hasSize(Event.class.getPermittedSubclasses().length);
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
  void rejectsTheWholeBatchWhenALaterEventNamesAnUnknownStep() {
    Events run = started("acme");
    List<Event> before = store.events(run.execution(), 0);
    List<Event> batch = List.of(run.stepStarted("fetch"), run.stepStarted("ghost"));

    assertThatThrownBy(() -> store.append(batch)).isInstanceOfSatisfying(BatonException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT));

    assertUnchanged(run.execution(), before);
    assertThat(store.load(run.execution()).step(StepId.of("fetch")).status())
        .isEqualTo(StepStatus.PENDING);
  }

  @Test
  void leavesNoTraceOfANewExecutionWhoseBatchFails() {
    Events run = Events.newExecution(clock);
    List<Event> batch = List.of(run.created("acme"), run.stepStarted("ghost"));

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

  // ---------------------------------------------------------------- approvals

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

  // ---------------------------------------------------------------- leases

  @Test
  void claimOfAnUnknownExecutionIsNotFound() {
    assertThatThrownBy(() -> store.claim(ExecutionId.of("ex-unknown"), "node-a", clock.instant(),
        LEASE)).isInstanceOfSatisfying(BatonException.class,
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
  void claimsAFreeLease() {
    ExecutionId id = started("acme").execution();

    assertThat(store.claim(id, "node-a", clock.instant(), LEASE)).isTrue();

    assertThat(store.leaseHolder(id, clock.instant())).contains("node-a");
  }

  @Test
  void letsTheHolderRenewItsLease() {
    ExecutionId id = started("acme").execution();
    Instant start = clock.instant();
    store.claim(id, "node-a", start, LEASE);

    assertThat(store.claim(id, "node-a", start.plusSeconds(20), LEASE)).isTrue();

    assertThat(store.leaseHolder(id, start.plusSeconds(49))).contains("node-a");
    assertThat(store.leaseHolder(id, start.plusSeconds(50))).isEmpty();
  }

  @Test
  void refusesAnotherOwnerUntilTheLeaseRunsOut() {
    ExecutionId id = started("acme").execution();
    Instant start = clock.instant();
    store.claim(id, "node-a", start, LEASE);

    assertThat(store.claim(id, "node-b", start.plusSeconds(29), LEASE)).isFalse();
    assertThat(store.leaseHolder(id, start.plusSeconds(29))).contains("node-a");

    assertThat(store.claim(id, "node-b", start.plus(LEASE), LEASE)).isTrue();
    assertThat(store.leaseHolder(id, start.plus(LEASE))).contains("node-b");
  }

  @Test
  void releasesALeaseOnlyForItsHolder() {
    ExecutionId id = started("acme").execution();
    Instant now = clock.instant();
    store.claim(id, "node-a", now, LEASE);

    store.release(id, "node-b");
    assertThat(store.leaseHolder(id, now)).contains("node-a");

    store.release(id, "node-a");
    assertThat(store.leaseHolder(id, now)).isEmpty();
    assertThat(store.claim(id, "node-b", now, LEASE)).isTrue();
  }

  @Test
  void reportsNoHolderWhenNobodyClaimed() {
    ExecutionId id = started("acme").execution();

    assertThat(store.leaseHolder(id, clock.instant())).isEmpty();
    assertThat(store.leaseHolder(ExecutionId.random(), clock.instant())).isEmpty();
  }

  @Test
  void keepsTheLeaseWhileEventsAreAppended() {
    Events run = started("acme");
    store.claim(run.execution(), "node-a", clock.instant(), LEASE);

    store.append(run.stepRun("fetch", Json.object()));

    assertThat(store.leaseHolder(run.execution(), clock.instant())).contains("node-a");
  }

  // ---------------------------------------------------------------- result cache

  @Test
  void cacheReturnsWhatWasPut() {
    ObjectNode value = Json.object().put("count", 3).put("ratio", 0.25);
    value.putArray("names").add("dana").add("yoav");
    value.putObject("nested").putNull("nothing");

    store.cache().put("demo.echo|acme|{}", value, Duration.ofHours(1));

    assertThat(store.cache().get("demo.echo|acme|{}")).contains(value);
  }

  @Test
  void cacheMissesAnUnknownKey() {
    assertThat(store.cache().get("nobody put this")).isEmpty();
  }

  @Test
  void cacheOverwritesAKey() {
    store.cache().put("k", Json.object().put("v", 1), Duration.ofHours(1));
    store.cache().put("k", Json.object().put("v", 2), Duration.ofHours(1));

    assertThat(store.cache().get("k")).contains(Json.object().put("v", 2));
  }

  @Test
  void cacheKeepsItsOwnCopy() {
    ObjectNode value = Json.object().put("v", 1);
    store.cache().put("k", value, Duration.ofHours(1));
    value.put("v", 2);
    ((ObjectNode) store.cache().get("k").orElseThrow()).put("v", 3);

    assertThat(store.cache().get("k")).contains(Json.object().put("v", 1));
  }

  @Test
  void cacheForgetsAnEntryOnceItsTtlPasses() throws InterruptedException {
    store.cache().put("short", Json.object().put("v", 1), Duration.ofMillis(50));
    store.cache().put("long", Json.object().put("v", 2), Duration.ofHours(1));

    // why: ResultCache has no clock parameter, so expiry can only be seen in real time
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (store.cache().get("short").isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(store.cache().get("short")).isEmpty();
    assertThat(store.cache().get("long")).isPresent();
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
    JsonNode cached = Json.object().put("summary", "סוכם: נפגשים ביום ג׳ בעשר");
    store.cache().put("מפתח", cached, Duration.ofHours(1));

    assertThat(store.events(run.execution(), 0)).isEqualTo(log);
    assertThat(store.summary(run.execution()).orElseThrow().request()).isEqualTo(request);
    assertThat(store.list(tenant, 10)).extracting(ExecutionSummary::tenant).containsExactly(tenant);
    assertThat(store.pendingApprovals(tenant)).singleElement()
        .satisfies(a -> assertThat(a.arguments()).isEqualTo(args));
    assertThat(store.cache().get("מפתח")).contains(cached);
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
