package dev.baton.core.engine;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.Question;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.port.TimePort;
import dev.baton.core.port.Workers;
import dev.baton.core.schedule.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution held by this process, as an actor: inputs queue up, and whoever finds it idle runs
 * its rounds (take inputs, decide, append, do) until the queue is empty, on its own thread. No
 * thread belongs to an execution: one waiting for a person or a timer costs a map entry and, at
 * most, a timer; its state may be dropped from memory and is loaded again when something arrives.
 * The state and {@link Live} are touched only by the thread running rounds.
 */
final class ExecutionActor {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionActor.class);
  /** How long facts alone (stages, attempt starts) wait for a round that has a reason to run. */
  static final Duration FACT_DELAY = Duration.ofMillis(25);
  private static final int MAX_CONFLICTS = 16;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  final ExecutionId id;
  private final Engine engine;
  private final ConcurrentLinkedQueue<Input> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean active = new AtomicBoolean();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  final CompletableFuture<ExecutionState> result = new CompletableFuture<>();
  /** Completes when the first events of a new execution are stored, or with why they were not. */
  final CompletableFuture<Void> recorded = new CompletableFuture<>();
  private volatile boolean finished;
  private volatile boolean draining;
  private volatile boolean backingOff;
  /** Nothing runs or waits here for it (as of the end of its last round). */
  private volatile boolean quiet;

  // Owned by the thread running rounds:
  private ExecutionState state;
  private final Live live = new Live();
  private List<Event> unsaved;
  private final List<Input> retained = new ArrayList<>();
  private final List<Input.Watch> watches = new ArrayList<>();
  private Scheduler scheduler;
  /** Calls this thread's rounds started that it cannot carry on into itself. */
  private List<Continuations.Inline> toStart;
  private TimePort.Timer wakeTimer;
  private Instant wakeTimerAt;
  private int failures;

  /** An execution just submitted: {@code created} are its first events, not yet stored. */
  static ExecutionActor created(Engine engine, ExecutionState state, List<Event> created) {
    ExecutionActor a = new ExecutionActor(engine, state.id());
    a.state = state;
    a.unsaved = created;
    return a;
  }

  /**
   * An execution taken over from the store; {@code state} may be null (loaded when something
   * arrives). Steps it finds in flight were interrupted by the end of the process that ran them.
   */
  static ExecutionActor adopted(Engine engine, ExecutionId id, ExecutionState state) {
    ExecutionActor a = new ExecutionActor(engine, id);
    a.state = state;
    a.recorded.complete(null);
    a.quiet = state == null;
    if (state != null) {
      a.markRestarted();
    }
    return a;
  }

  private ExecutionActor(Engine engine, ExecutionId id) {
    this.engine = engine;
    this.id = id;
  }

  boolean finished() {
    return finished;
  }

  /**
   * Queues an input. Facts alone wait (up to {@link #FACT_DELAY}) for a round with a reason to
   * run; anything else starts a round now: on this thread if {@code here} and the actor is idle,
   * else on a worker.
   */
  void offer(Input input, boolean here) {
    if (finished) {
      refuse(input);
      return;
    }
    inbox.add(input);
    if (input instanceof Input.Facts) {
      if (flushScheduled.compareAndSet(false, true)) {
        engine.time().schedule(engine.time().instant().plus(FACT_DELAY), () -> {
          flushScheduled.set(false);
          if (!inbox.isEmpty()) {
            trigger(false);
          }
        });
      }
      return;
    }
    trigger(here);
  }

  /**
   * The engine is closing: record what ends, start nothing new; the engine hears when nothing
   * runs here any more (at once for an execution that only waits).
   */
  void drain() {
    draining = true;
    if (quiet && inbox.isEmpty() && !active.get()) {
      engine.drained(this);
    } else {
      offer(new Input.Wake(false), false);
    }
  }

  /** Lets the state go if the actor is idle; it is loaded again when something arrives. */
  void evict() {
    if (active.compareAndSet(false, true)) {
      try {
        if (live.idle() && retained.isEmpty() && watches.isEmpty()) {
          state = null;
          scheduler = null;
        }
      } finally {
        active.set(false);
      }
      if (!inbox.isEmpty()) {
        trigger(false);
      }
    }
  }

  /** Stops without recording anything more: in-flight calls are interrupted and run again later. */
  void stop() {
    finished = true;
    for (Live.Running r : List.copyOf(live.running.values())) {
      r.job().interrupt();
    }
    if (wakeTimer != null) {
      wakeTimer.cancel();
    }
    refuseAll();
  }

  private void trigger(boolean here) {
    if (active.compareAndSet(false, true)) {
      if (here) {
        rounds();
      } else {
        // why: the round's thread may then carry on into the first call the round starts
        engine.workers().start("round-" + id.value(), () -> Continuations.runHere(this::rounds));
      }
    }
  }

  private void rounds() {
    while (true) {
      List<Continuations.Inline> starting;
      try {
        while (!finished && !backingOff) {
          List<Input> batch;
          if (retained.isEmpty()) {
            batch = new ArrayList<>(2);
          } else {
            batch = new ArrayList<>(retained);
            retained.clear();
          }
          int admittedUpTo = batch.size();
          for (Input i; (i = inbox.poll()) != null; ) {
            batch.add(i);
          }
          if (batch.isEmpty()) {
            break;
          }
          round(batch, admittedUpTo);
        }
      } catch (RuntimeException e) {
        LOG.error("execution {}: round failed: {}", id, e.toString(), e);
      } finally {
        starting = toStart;
        toStart = null;
        active.set(false);
      }
      if (starting != null) {
        startAll(starting);
      }
      // why: an input that arrived after the last poll but before active went false would wait
      if (finished || backingOff || !worthARound() || !active.compareAndSet(false, true)) {
        return;
      }
    }
  }

  /** Whether the inbox holds something besides facts, which can wait for a round. */
  private boolean worthARound() {
    for (Input i : inbox) {
      if (!(i instanceof Input.Facts)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Calls started by rounds on a thread that does not run calls (a submitter's, a caller's),
   * each on a thread of its own now that it has let go of the actor: a call that ended at once
   * would otherwise find the actor busy, leave its end to this thread, and a chain would hop
   * between the two threads at every step.
   */
  private void startAll(List<Continuations.Inline> calls) {
    for (Continuations.Inline call : calls) {
      engine.workers().start(call.name, () -> Continuations.runHere(call::run));
    }
  }

  /** @param admittedUpTo how many inputs at the head were admitted in an earlier, failed round */
  private void round(List<Input> batch, int admittedUpTo) {
    List<Input> inputs = new ArrayList<>(batch.size());
    boolean otherWriters = false;
    for (int i = 0; i < batch.size(); i++) {
      Input in = batch.get(i);
      if (i < admittedUpTo || admit(in)) {
        inputs.add(in);
      }
      otherWriters |= in instanceof Input.Wake w && w.otherWriters();
    }
    Instant now = engine.time().instant();
    if (!live.deferred.isEmpty()) {
      live.deferred.values().removeIf(until -> !until.isAfter(now));
    }
    Round.Result result;
    try {
      if (state == null) {
        state = engine.store().load(id);
        markRestarted();
      } else if (otherWriters && unsaved == null) {
        engine.store().events(id, state.lastSeq()).forEach(state::apply);
      }
      result = reduceAndAppend(inputs, now);
    } catch (BatonException e) {
      if (unsaved != null) {
        // why: a new execution that could not be recorded is refused to its submitter
        finished = true;
        recorded.completeExceptionally(e);
        engine.ended(this);
        return;
      }
      failures++;
      Duration backoff = backoff();
      LOG.warn("execution {}: could not record a round ({}); trying again in {} ms", id,
          e.getMessage(), backoff.toMillis());
      state = null;
      retained.addAll(inputs);
      backingOff = true;
      engine.time().schedule(now.plus(backoff), () -> {
        backingOff = false;
        trigger(false);
      });
      return;
    }
    failures = 0;
    if (unsaved != null) {
      List<Event> all = new ArrayList<>(unsaved);
      all.addAll(result.events());
      unsaved = null;
      recorded.complete(null);
      engine.published(all, appendedUpTo);
    } else {
      engine.published(result.events(), appendedUpTo);
    }
    for (Effect e : result.effects()) {
      perform(e);
    }
    afterRound(result, now);
  }

  /** The position of the last event the last successful round appended (0 if none). */
  private long appendedUpTo;

  private Round.Result reduceAndAppend(List<Input> inputs, Instant now) {
    if (scheduler == null) {
      scheduler = engine.newScheduler();
    }
    for (int conflicts = 0; ; conflicts++) {
      Round.Result result = Round.reduce(state, live, inputs, now, engine.rules(draining),
          scheduler);
      List<Event> events = result.events();
      if (unsaved != null) {
        events = new ArrayList<>(unsaved);
        events.addAll(result.events());
      }
      try {
        appendedUpTo = events.isEmpty() ? 0 : engine.store().append(events,
            summaryIfListed(result.events()), unsaved != null ? engine.processId() : null);
        return result;
      } catch (BatonException e) {
        if (e.code() != ErrorCode.STORE_CONFLICT || unsaved != null
            || conflicts >= MAX_CONFLICTS) {
          throw e;
        }
        // why: another process appended (an approval, a cancel); fold it in and decide again
        state = engine.store().load(id);
      }
    }
  }

  /** The summary listings show, when these events change it; else null (the store needs none). */
  private ExecutionSummary summaryIfListed(List<Event> events) {
    for (Event e : events) {
      if (e instanceof Event.StatusChanged || e instanceof Event.PlanVersionCreated) {
        return ExecutionSummary.of(state);
      }
    }
    return unsaved != null ? ExecutionSummary.of(state) : null;
  }

  private Duration backoff() {
    Duration d = Duration.ofMillis(50L << Math.min(failures, 10));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  /** Updates what this process is busy with; false for an input that no longer matters. */
  private boolean admit(Input in) {
    switch (in) {
      case Input.AttemptEnded a -> {
        Live.Running r = live.running.get(a.step());
        if (r == null || r.token() != a.job()) {
          return false;
        }
        live.running.remove(a.step());
        boolean freedMeanwhile = live.retryBeforeBlocked.remove(a.step());
        switch (a.result()) {
          case AttemptResult.Deferred d -> live.deferred.put(a.step(), d.until());
          case AttemptResult.Blocked b -> {
            // why: the wake-up came first; waiting for another would wait forever
            if (!freedMeanwhile) {
              live.blocked.add(a.step());
            }
          }
          default -> { }
        }
        return true;
      }
      case Input.Retry r -> {
        // why: a lock or permit released between an attempt finding it taken and reporting
        // itself blocked wakes it before the report arrives; kept for when it does
        if (!live.blocked.remove(r.step()) && live.running.containsKey(r.step())) {
          live.retryBeforeBlocked.add(r.step());
        }
        return true;
      }
      case Input.Prepared p -> {
        live.preparing.remove(p.step());
        return true;
      }
      case Input.Replanned r -> {
        live.replanPending.remove(r.failed());
        return true;
      }
      case Input.Planned p -> {
        live.planning = false;
        return true;
      }
      case Input.Watch w -> {
        watches.add(w);
        return true;
      }
      default -> {
        return true;
      }
    }
  }

  private void perform(Effect effect) {
    switch (effect) {
      case Effect.Run r -> {
        Object token = new Object();
        AttemptJob job = new AttemptJob(engine, this::offer, id, state.tenant(), r, token);
        Instant deadline = engine.time().instant()
            .plus(r.tool().descriptor().options().timeout());
        Workers.Job handle = Continuations.keep(job);
        if (handle == null && Continuations.onCallThread()) {
          // why: beside the call this thread carries on into; started now, it overlaps the rest
          // of the round
          handle = engine.workers().start("step-" + r.step().value(),
              () -> Continuations.runHere(job));
        } else if (handle == null) {
          Continuations.Inline later = Continuations.later("step-" + r.step().value(), job);
          if (toStart == null) {
            toStart = new ArrayList<>();
          }
          toStart.add(later);
          handle = later;
        }
        live.running.put(r.step(), new Live.Running(r.attempt(), handle, r.arguments(), token,
            deadline));
        live.restarted.remove(r.step());
      }
      case Effect.Prepare p -> {
        live.preparing.add(p.step());
        engine.workers().start("preview-" + p.step().value(), () -> {
          String preview;
          try {
            preview = p.tool().preview(p.arguments()).orElse(null);
          } catch (RuntimeException e) {
            preview = null;
          }
          offer(new Input.Prepared(p.step(), p.arguments(), preview), true);
        });
      }
      case Effect.AwaitAnswer a -> {
        Live.Running r = a.question() == null ? null : live.running.get(a.step());
        if (r == null) {
          a.reply().complete(Optional.empty());
          return;
        }
        // why: a call may ask again before the first answer; its clock stopped at the first
        Duration left = r.deadline() == null ? live.asking.values().stream()
            .filter(x -> x.step().equals(a.step())).map(Live.Asking::timeLeft).findFirst()
            .orElse(Duration.ZERO) : Duration.between(engine.time().instant(), r.deadline());
        live.asking.put(a.question(), new Live.Asking(a.step(), a.reply(),
            left.isNegative() ? Duration.ZERO : left));
        // why: the person's time is not the call's: its timeout waits until the answer
        live.running.put(a.step(), r.withDeadline(null));
      }
      case Effect.Interrupt i -> {
        Live.Running r = live.running.get(i.step());
        if (r != null) {
          r.job().interrupt();
        }
      }
      case Effect.TimedOut t -> {
        Live.Running r = live.running.remove(t.step());
        if (r != null) {
          r.job().interrupt();
        }
      }
      case Effect.Reply r -> {
        if (r.error() == null) {
          r.reply().complete(null);
        } else {
          r.reply().completeExceptionally(r.error());
        }
      }
      case Effect.Replan r -> {
        live.replanAsked.add(r.failed());
        live.replanPending.add(r.failed());
        Replanning replanning = engine.replanning();
        engine.workers().start("replan-" + id.value(), () ->
            offer(askForNewPlan(replanning, r), true));
      }
      case Effect.PlanRequest p -> {
        live.planning = true;
        Replanning planning = engine.replanning();
        String tenant = state.tenant();
        engine.workers().start("plan-" + id.value(), () -> offer(plan(planning, p, tenant), true));
      }
    }
  }

  private Input.Replanned askForNewPlan(Replanning replanning, Effect.Replan r) {
    try {
      PlanContext context = new PlanContext(engine.time().instant(), replanning.zone(), null,
          List.of());
      return replanning.planner().replan(r.snapshot(), r.failed(),
              r.snapshot().step(r.failed()).error(), engine.catalog(), context)
          .map(p -> new Input.Replanned(r.failed(), p, null))
          .orElseGet(() -> new Input.Replanned(r.failed(), null, "the planner has no other plan"));
    } catch (RuntimeException e) {
      return new Input.Replanned(r.failed(), null, "the planner failed: " + e.getMessage());
    }
  }

  private Input.Planned plan(Replanning planning, Effect.PlanRequest p, String tenant) {
    if (planning == null) {
      return new Input.Planned(null, BatonException.of(ErrorCode.CONFIG_INVALID,
          "this engine has no planner; submit a plan instead of a request"));
    }
    try {
      PlanContext context = new PlanContext(engine.time().instant(), planning.zone(), null,
          engine.examples(tenant, p.request()), tenant);
      PlanProposal proposal = planning.planner().plan(p.request(), engine.catalog(), context);
      new dev.baton.core.plan.PlanValidator(engine.catalog()).check(proposal.plan());
      return new Input.Planned(proposal, null);
    } catch (BatonException e) {
      return new Input.Planned(null, e);
    } catch (RuntimeException e) {
      return new Input.Planned(null, BatonException.of(ErrorCode.INTERNAL,
          "the planner failed: " + e.getMessage(), e));
    }
  }

  /**
   * Gives each call waiting for a person what became of its question: the answer, or nothing
   * (expired, withdrawn). Its timeout runs again from here, with what was left of it. While the
   * engine closes, a call still waiting is stopped: it asks again after the restart.
   */
  private void settleQuestions(Instant now) {
    for (var it = live.asking.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      Live.Asking asking = entry.getValue();
      Question q = state.questions().get(entry.getKey());
      Live.Running r = live.running.get(asking.step());
      if (q != null && q.pending() && r != null && !state.status().terminal()) {
        if (draining) {
          r.job().interrupt();
        }
        continue;
      }
      it.remove();
      if (state.status().terminal()) {
        // why: the call is being interrupted; an empty answer could reach it first
        asking.reply().cancel(false);
        continue;
      }
      if (r != null && !live.askingBesides(asking.step(), entry.getKey())) {
        live.running.put(asking.step(), r.withDeadline(now.plus(asking.timeLeft())));
      }
      asking.reply().complete(q != null && q.status() == Question.QuestionStatus.ANSWERED
          ? Optional.ofNullable(q.answer()) : Optional.empty());
    }
  }

  private void afterRound(Round.Result result, Instant now) {
    if (!live.asking.isEmpty()) {
      settleQuestions(now);
    }
    if (!live.replanAsked.isEmpty() && newPlan(result.events())) {
      // why: a step of the new version may fail again under the same id, and be replanned again
      live.replanAsked.clear();
    }
    if (!watches.isEmpty()) {
      for (Iterator<Input.Watch> it = watches.iterator(); it.hasNext(); ) {
        Input.Watch w = it.next();
        if (w.future().isDone()) {
          it.remove();
        } else if (w.condition().test(state)) {
          it.remove();
          w.future().complete(state.status().terminal() ? state : state.copy());
        }
      }
    }
    if (state.status().terminal() && live.running.isEmpty()) {
      finish();
      return;
    }
    Instant next = result.wakeAt();
    Instant deferred = live.nextDeferred();
    if (deferred != null && (next == null || deferred.isBefore(next))) {
      next = deferred;
    }
    rescheduleWake(next, now);
    quiet = live.idle();
    if (draining && live.running.isEmpty()) {
      engine.drained(this);
    } else if (live.idle()) {
      engine.idle(this);
    }
  }

  /**
   * Arms the wake-up for {@code next}, unless one is armed for that time or earlier: a wake-up that
   * comes too early only makes a round that finds nothing due and arms the next one, which is
   * cheaper than moving a timer on every round (each step's start moves its deadline).
   */
  private void rescheduleWake(Instant next, Instant now) {
    boolean armed = wakeTimerAt != null && wakeTimerAt.isAfter(now);
    if (next == null || (armed && !next.isBefore(wakeTimerAt))) {
      return;
    }
    if (wakeTimer != null) {
      wakeTimer.cancel();
    }
    wakeTimerAt = next;
    wakeTimer = engine.time().schedule(next, () -> offer(new Input.Wake(false), false));
  }

  private static boolean newPlan(List<Event> events) {
    for (Event e : events) {
      if (e instanceof Event.PlanVersionCreated) {
        return true;
      }
    }
    return false;
  }

  private void finish() {
    finished = true;
    if (wakeTimer != null) {
      wakeTimer.cancel();
    }
    ExecutionState end = state;
    for (Input.Watch w : watches) {
      if (w.condition().test(end)) {
        w.future().complete(end);
      } else {
        w.future().completeExceptionally(BatonException.of(ErrorCode.EXECUTION_ILLEGAL_TRANSITION,
            "execution " + id + " ended " + end.status().name().toLowerCase()
                + " before the awaited condition held"));
      }
    }
    watches.clear();
    result.complete(end);
    refuseAll();
    engine.ended(this);
  }

  private void refuseAll() {
    for (Input i; (i = inbox.poll()) != null; ) {
      refuse(i);
    }
    retained.forEach(this::refuse);
    retained.clear();
  }

  /** An input for an actor that has finished: commands go to the store instead. */
  private void refuse(Input input) {
    switch (input) {
      case Input.Command c -> c.reply().completeExceptionally(new Gone());
      case Input.Asked a -> a.reply().complete(Optional.empty());
      case Input.Watch w -> engine.watchElsewhere(id, w);
      default -> { }
    }
  }

  private void markRestarted() {
    for (var entry : state.steps().entrySet()) {
      var s = entry.getValue();
      if (s.status() == dev.baton.core.exec.StepStatus.RUNNING && s.attempts() > 0
          && s.retryAt() == null) {
        live.restarted.add(entry.getKey());
      }
    }
  }

  /** The actor ended before it took a command; the engine applies it to the store instead. */
  static final class Gone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Gone() {
      super("execution actor ended", null, false, false);
    }
  }
}
