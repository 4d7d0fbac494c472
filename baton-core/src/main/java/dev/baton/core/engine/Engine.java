package dev.baton.core.engine;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.memory.LocalResourceLocks;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanValidator;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ProcessLease;
import dev.baton.core.port.ProcessProbe;
import dev.baton.core.port.RateLimiter;
import dev.baton.core.port.ResourceLocks;
import dev.baton.core.port.ResultCache;
import dev.baton.core.port.TimePort;
import dev.baton.core.port.Workers;
import dev.baton.core.schedule.Scheduler;
import dev.baton.core.tool.ToolCatalog;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs plans. {@link #submit} validates and records a submission and returns a handle whose
 * future completes with the result; the execution then moves on in rounds (decide, then do: see
 * {@link Round}) as inputs arrive: tool calls ending, a person's commands, time. An execution
 * waiting for a person or a timer holds no thread and is not polled; one process-wide watcher
 * notices what other processes append, and one heartbeat keeps this process's hold on all its
 * executions. Time and threads come from the {@link TimePort} and {@link Workers} given to the
 * builder, so the same engine runs on the wall clock or on virtual time. Thread-safe.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final int DIRECT_RETRIES = 8;
  private static final int RECOVERY_BATCH = 500;
  private static final Duration COMMAND_WAIT = Duration.ofSeconds(30);

  private final ExecutionStore store;
  /** The tools, and what is made from them, swapped whole when the catalogue changes. */
  private record Tools(ToolCatalog catalog, PlanValidator validator, Round.Rules running,
      Round.Rules draining) {}

  private volatile Tools tools;
  private final TimePort time;
  /** Tools' waits, through the time port: made once, handed to every call. */
  final dev.baton.core.tool.Sleeper sleeper;
  private final Workers workers;
  private final EngineOptions options;
  private final Replanning replanning;
  private final ResultCache cache;
  private final RateLimiter rateLimiter;
  private final ResourceLocks locks;
  private final Limits limits;
  private final Telemetry telemetry;
  private final ProcessProbe probe;
  private final BiFunction<String, String, List<PlanContext.Example>> examples;
  private final ConcurrentMap<ExecutionId, ExecutionActor> actors = new ConcurrentHashMap<>();
  private final ConcurrentMap<ExecutionId, List<Input.Watch>> remoteWatches =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<ExecutionId, Long> committed = new ConcurrentHashMap<>();
  /**
   * The positions this process appended since the watcher last looked, as first → last: when they
   * cover everything new, the watcher reads nothing back.
   */
  private final java.util.concurrent.ConcurrentSkipListMap<Long, Long> ownPositions =
      new java.util.concurrent.ConcurrentSkipListMap<>();
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private final ReentrantLock idleLock = new ReentrantLock();
  private final LinkedHashMap<ExecutionId, ExecutionActor> idle = new LinkedHashMap<>(16, 0.75f,
      true);
  private final ConcurrentMap<ExecutionId, CompletableFuture<Void>> drainedFutures =
      new ConcurrentHashMap<>();
  private volatile ProcessLease me;
  private volatile boolean closed;
  private volatile boolean shuttingDown;
  private volatile long seenPosition;
  private volatile TimePort.Timer heartbeatTimer;
  private volatile TimePort.Timer watchTimer;

  private Engine(Builder b) {
    this.store = Objects.requireNonNull(b.store, "store");
    ToolCatalog catalog = Objects.requireNonNull(b.catalog, "catalog");
    this.time = Objects.requireNonNull(b.time, "time");
    this.sleeper = time::sleep;
    this.workers = Objects.requireNonNull(b.workers, "workers");
    this.options = b.options != null ? b.options : EngineOptions.defaults(b.probe.host() + "-"
        + b.probe.pid() + "-" + Long.toHexString(System.identityHashCode(this)));
    this.replanning = b.replanning;
    this.cache = b.cache;
    this.rateLimiter = b.rateLimiter;
    this.locks = b.locks;
    this.probe = b.probe;
    this.examples = b.examples;
    this.limits = new Limits(options.maxConcurrentSteps(), options.defaultToolConcurrency());
    this.telemetry = new Telemetry(b.openTelemetry);
    this.tools = toolsOf(catalog);
    this.seenPosition = store.lastPosition();
    heartbeat();
    if (b.watch) {
      watchTimer = time.schedule(time.instant().plus(options.pollInterval()), this::watch);
    }
  }

  /**
   * An engine over {@code store} and {@code catalog}, with time and threads from {@code time} and
   * {@code workers} (the adapters module has the wall-clock ones; the testkit, virtual ones).
   */
  public static Builder builder(ExecutionStore store, ToolCatalog catalog, TimePort time,
      Workers workers) {
    return new Builder(store, catalog, time, workers);
  }

  public ToolCatalog catalog() {
    return tools.catalog();
  }

  private Tools toolsOf(ToolCatalog catalog) {
    return new Tools(catalog, new PlanValidator(catalog),
        new Round.Rules(catalog, replanning, false), new Round.Rules(catalog, replanning, true));
  }

  /**
   * Uses {@code next} from now on: for plans submitted after, and for every round that follows
   * (a tool discovered, allowed or gone while the process runs). Calls in flight keep their tool.
   */
  public void useCatalog(ToolCatalog next) {
    tools = toolsOf(Objects.requireNonNull(next, "catalog"));
  }

  public ExecutionStore store() {
    return store;
  }

  public EngineOptions options() {
    return options;
  }

  /** The name this process holds executions under. */
  public String processId() {
    return options.owner();
  }

  // ------------------------------------------------------------------ submitting

  /**
   * Validates the submission, records the execution and starts it (or holds it for plan approval,
   * or asks the planner first when it carries a request instead of a plan).
   *
   * @throws BatonException PLAN_INVALID listing every problem (nothing is recorded then);
   *     CONFIG_INVALID for a request when the engine has no planner; STORE_* if it cannot be
   *     recorded
   */
  public ExecutionHandle submit(Submission submission) {
    checkOpen();
    Plan plan = submission.plan();
    if (plan != null) {
      tools.validator().check(plan);
    } else if (replanning == null) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, "this engine has no planner: submit a"
          + " plan, or build the engine with one");
    }
    ExecutionId id = submission.id() != null ? submission.id() : ExecutionId.random();
    Instant now = time.instant();
    List<Event> events = new ArrayList<>(4);
    events.add(new Event.ExecutionCreated(id, 1, now, submission.tenant(), submission.request(),
        plan, submission.options()));
    var planned = submission.plannedBy();
    if (planned != null && planned.cost().modelCalls() > 0) {
      events.add(new Event.ModelUsed(id, events.size() + 1, now, "planning", planned.planner(),
          planned.cost().modelCalls(), planned.cost().inputTokens(),
          planned.cost().outputTokens(), planned.cost().took()));
    }
    if (plan == null) {
      events.add(new Event.StatusChanged(id, events.size() + 1, now, ExecutionStatus.QUEUED,
          ExecutionStatus.PLANNING, "planning the request"));
    } else if (submission.options().requirePlanApproval()) {
      events.add(new Event.PlanApprovalRequested(id, events.size() + 1, now, 1));
      events.add(new Event.StatusChanged(id, events.size() + 1, now, ExecutionStatus.QUEUED,
          ExecutionStatus.AWAITING_PLAN_APPROVAL, "the plan waits for approval"));
    }
    ExecutionActor actor = ExecutionActor.created(this, ExecutionState.replay(events), events);
    if (actors.putIfAbsent(id, actor) != null) {
      throw BatonException.of(ErrorCode.STORE_CONFLICT, "execution " + id + " already exists");
    }
    actor.offer(new Input.Wake(false), true);
    try {
      actor.recorded.get(COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      actors.remove(id, actor);
      throw e.getCause() instanceof BatonException b ? b
          : BatonException.of(ErrorCode.INTERNAL, "could not record " + id, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BatonException.of(ErrorCode.INTERNAL, "interrupted while recording " + id, e);
    } catch (TimeoutException e) {
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "could not record " + id + " within "
          + COMMAND_WAIT.toSeconds() + " s", e);
    }
    return new ExecutionHandle(id, actor.result);
  }

  // ------------------------------------------------------------------ taking over

  /**
   * Takes over every unfinished execution whose holder is gone (its lease ran out, or it is
   * provably dead on this host) and runs it here: those waiting for a person are only noted (no
   * loading, no thread) and woken when something concerns them; the rest resume at once, loaded in
   * parallel.
   *
   * @return the executions taken over
   */
  public List<ExecutionId> recover() {
    checkOpen();
    retireDeadProcesses();
    List<ExecutionId> taken = new ArrayList<>();
    while (true) {
      List<ExecutionStore.Claimed> batch = store.claimOrphans(processId(), time.instant(),
          RECOVERY_BATCH);
      if (batch.isEmpty()) {
        return taken;
      }
      for (ExecutionStore.Claimed c : batch) {
        ExecutionActor actor = ExecutionActor.adopted(this, c.id(), null);
        if (actors.putIfAbsent(c.id(), actor) != null) {
          continue;
        }
        taken.add(c.id());
        if (c.status().waitingForPerson()) {
          if (c.wakeAt() != null) {
            time.schedule(c.wakeAt(), () -> actor.offer(new Input.Wake(false), false));
          }
          idle(actor);
        } else {
          actor.offer(new Input.Wake(false), false);
        }
      }
      if (batch.size() < RECOVERY_BATCH) {
        return taken;
      }
    }
  }

  /** Runs an execution here if nobody else holds it; true when this engine has it. */
  public boolean adopt(ExecutionId id) {
    checkOpen();
    if (actors.containsKey(id)) {
      return true;
    }
    if (!store.claim(id, processId(), time.instant())) {
      return false;
    }
    ExecutionState state = store.load(id);
    if (state.status().terminal()) {
      return false;
    }
    ExecutionActor actor = ExecutionActor.adopted(this, id, state);
    if (actors.putIfAbsent(id, actor) == null) {
      actor.offer(new Input.Wake(false), false);
    }
    return true;
  }

  /** The processes holding executions that are provably dead (same host, gone): forgotten now. */
  private void retireDeadProcesses() {
    for (ProcessLease p : store.processes()) {
      if (!p.id().equals(processId()) && probe.provablyDead(p)) {
        LOG.info("process {} (pid {} on {}) is gone; its executions are free", p.id(), p.pid(),
            p.host());
        store.retire(p.id());
      }
    }
  }

  // ------------------------------------------------------------------ a person's commands

  public void pause(ExecutionId id, String by) {
    control(id, new Controls.Action.Pause(by));
  }

  public void resume(ExecutionId id, String by) {
    control(id, new Controls.Action.Resume(by));
  }

  public void cancel(ExecutionId id, String by) {
    control(id, new Controls.Action.Cancel(by));
  }

  /**
   * Approves a pending step, optionally with edited arguments (checked against the tool's schema
   * first; if they do not fit, nothing changes and the approval stays pending).
   *
   * @throws BatonException APPROVAL_NOT_FOUND, APPROVAL_ALREADY_DECIDED, APPROVAL_INVALID_EDIT
   */
  public void approve(ApprovalId approval, ObjectNode editedArguments, String by,
      String comment) {
    control(execution(approval),
        new Controls.Action.Decide(approval, true, editedArguments, by, comment));
  }

  /** Rejects a pending step: it and its dependents are skipped, and the result says so. */
  public void reject(ApprovalId approval, String by, String comment) {
    control(execution(approval), new Controls.Action.Decide(approval, false, null, by, comment));
  }

  /**
   * Answers a clarifying question; the answer must fit the tool's output schema and becomes the
   * step's output.
   *
   * @throws BatonException APPROVAL_NOT_FOUND, APPROVAL_ALREADY_DECIDED, APPROVAL_INVALID_EDIT
   */
  public void answer(ApprovalId question, JsonNode answer, String by) {
    control(execution(question), new Controls.Action.Answer(question, answer, by));
  }

  /**
   * Answers an execution that waits for its whole plan to be approved; {@code edited} (may be null)
   * is validated and stored as a new plan version before anything runs.
   */
  public void decidePlan(ExecutionId id, boolean approve, Plan edited, String by,
      String comment) {
    control(id, new Controls.Action.DecidePlan(approve, edited, by, comment));
  }

  private ExecutionId execution(ApprovalId approval) {
    ExecutionId id = approval.execution();
    if (!actors.containsKey(id) && store.summary(id).isEmpty()) {
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "no approval '" + approval + "'");
    }
    return id;
  }

  private void control(ExecutionId id, Controls.Action action) {
    checkOpen();
    ExecutionActor actor = actors.get(id);
    if (actor == null && options.adoptOrphans()
        && store.holder(id, time.instant()).isEmpty() && !terminal(id)) {
      adopt(id);
      actor = actors.get(id);
    }
    if (actor != null) {
      CompletableFuture<Void> reply = new CompletableFuture<>();
      actor.offer(new Input.Command(action, reply), true);
      try {
        reply.get(COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof ExecutionActor.Gone)) {
          throw e.getCause() instanceof BatonException b ? b
              : BatonException.of(ErrorCode.INTERNAL, "command failed", e.getCause());
        }
        // why: the execution ended here between lookup and reply; the store decides below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw BatonException.of(ErrorCode.INTERNAL, "interrupted while waiting for " + id, e);
      } catch (TimeoutException e) {
        throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "execution " + id
            + " did not take the command within " + COMMAND_WAIT.toSeconds() + " s", e);
      }
    }
    direct(id, action);
  }

  private boolean terminal(ExecutionId id) {
    return store.summary(id).map(s -> s.status().terminal()).orElseThrow(() ->
        BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "no execution with id '" + id + "'"));
  }

  /** Applies a command through the store when another process (or nobody) holds the execution. */
  private void direct(ExecutionId id, Controls.Action action) {
    for (int attempt = 0; ; attempt++) {
      ExecutionState state = store.load(id);
      List<Draft> drafts = Controls.apply(action, state, time.instant(), catalog());
      List<Event> events = new ArrayList<>(drafts.size());
      for (Draft d : drafts) {
        Event e = d.stamp(state.lastSeq() + 1);
        state.apply(e);
        events.add(e);
      }
      try {
        published(events, store.append(events, dev.baton.core.port.ExecutionSummary.of(state),
            null));
        return;
      } catch (BatonException e) {
        if (e.code() != ErrorCode.STORE_CONFLICT || attempt >= DIRECT_RETRIES) {
          throw e;
        }
      }
    }
  }

  // ------------------------------------------------------------------ reading and waiting

  /** The execution as recorded. @throws BatonException EXECUTION_NOT_FOUND */
  public ExecutionState state(ExecutionId id) {
    return store.load(id);
  }

  /**
   * A future that completes with the execution's state as soon as {@code condition} holds (at
   * once if it holds now), or fails if the execution ends without it holding. Evaluated after each
   * round here, or, for an execution another process runs, whenever this process sees it change.
   */
  public CompletableFuture<ExecutionState> when(ExecutionId id,
      Predicate<ExecutionState> condition) {
    CompletableFuture<ExecutionState> future = new CompletableFuture<>();
    Input.Watch watch = new Input.Watch(condition, future);
    ExecutionActor actor = actors.get(id);
    if (actor != null) {
      actor.offer(watch, true);
    } else {
      watchElsewhere(id, watch);
    }
    return future;
  }

  /** A future of the execution's final state. */
  public CompletableFuture<ExecutionState> result(ExecutionId id) {
    ExecutionActor actor = actors.get(id);
    return actor != null ? actor.result : when(id, s -> s.status().terminal());
  }

  /**
   * Waits (in real time) until {@code condition} holds and returns the state then.
   *
   * @throws BatonException INTERNAL on timeout, naming the status it was left in;
   *     EXECUTION_ILLEGAL_TRANSITION if it ended without the condition holding
   */
  public ExecutionState await(ExecutionId id, Predicate<ExecutionState> condition,
      Duration timeout) {
    try {
      return when(id, condition).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof BatonException b ? b
          : BatonException.of(ErrorCode.INTERNAL, "waiting failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BatonException.of(ErrorCode.INTERNAL, "interrupted", e);
    } catch (TimeoutException e) {
      throw BatonException.of(ErrorCode.INTERNAL, "execution " + id + " did not reach the"
          + " expected state within " + timeout + "; it is " + state(id).status());
    }
  }

  /** Waits (in real time) until the execution has ended. */
  public ExecutionState awaitEnd(ExecutionId id, Duration timeout) {
    return await(id, s -> s.status().terminal(), timeout);
  }

  /** Every event committed by this engine, as it is committed, on the committing thread. */
  public AutoCloseable subscribe(Consumer<Event> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Whether this process holds the execution now. */
  public boolean running(ExecutionId id) {
    ExecutionActor a = actors.get(id);
    return a != null && !a.finished();
  }

  /** How many executions this process holds (running or waiting). */
  public int held() {
    return actors.size();
  }

  // ------------------------------------------------------------------ stopping

  /**
   * Starts stopping gracefully: nothing new starts; running tool calls may finish and be recorded.
   * The future completes when no call runs any more.
   */
  public CompletableFuture<Void> shutdown() {
    if (closed) {
      return CompletableFuture.completedFuture(null);
    }
    shuttingDown = true;
    if (watchTimer != null) {
      watchTimer.cancel();
    }
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (ExecutionActor a : actors.values()) {
      CompletableFuture<Void> f = drainedFutures.computeIfAbsent(a.id,
          k -> new CompletableFuture<>());
      all.add(f);
      a.drain();
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  /**
   * Stops gracefully: nothing new starts, running tool calls get up to
   * {@link EngineOptions#shutdownGrace()} to finish and be recorded, steps waiting for a person are
   * left waiting; then this process lets go of its executions, which the next engine to
   * {@link #recover()} takes over at once.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      shutdown().get(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("some tool calls did not finish within {}; they run again where the executions"
          + " resume", options.shutdownGrace());
    }
    closed = true;
    actors.values().forEach(ExecutionActor::stop);
    actors.clear();
    if (heartbeatTimer != null) {
      heartbeatTimer.cancel();
    }
    try {
      store.retire(processId());
    } catch (RuntimeException e) {
      LOG.warn("could not let go of this process's executions: {}", e.toString());
    }
  }

  /**
   * Stops at once as if the process died: running calls are interrupted and nothing more is
   * recorded, heartbeats stop, and nothing is let go, so others take over only when this process's
   * lease runs out (or when it is provably dead). For tests of crashes.
   */
  public void halt() {
    closed = true;
    shuttingDown = true;
    if (watchTimer != null) {
      watchTimer.cancel();
    }
    if (heartbeatTimer != null) {
      heartbeatTimer.cancel();
    }
    actors.values().forEach(ExecutionActor::stop);
    actors.clear();
  }

  private void checkOpen() {
    if (closed || shuttingDown) {
      throw BatonException.of(ErrorCode.INTERNAL, "the engine is closed");
    }
  }

  // ------------------------------------------------------------------ the process

  private void heartbeat() {
    if (closed) {
      return;
    }
    Instant now = time.instant();
    ProcessLease next = new ProcessLease(processId(), probe.host(), probe.pid(), probe.started(),
        now.plus(options.leaseTtl()));
    try {
      boolean wasAlive = store.heartbeat(next, now);
      if (!wasAlive && me != null) {
        LOG.error("this process's hold on its executions lapsed (a pause longer than {}?);"
            + " another process may run them now", options.leaseTtl());
      }
      me = next;
    } catch (RuntimeException e) {
      LOG.warn("heartbeat failed: {}", e.toString());
    }
    heartbeatTimer = time.schedule(now.plus(options.leaseTtl().dividedBy(3)), this::heartbeat);
    if (closed) {
      heartbeatTimer.cancel();
    }
  }

  /** Looks for events other processes appended; wakes what they concern. */
  private void watch() {
    if (closed || shuttingDown) {
      return;
    }
    try {
      long last = store.lastPosition();
      // why: what this process wrote itself needs no reading back; skip over it
      seenPosition = skipOwn(seenPosition, last);
      while (last > seenPosition) {
        List<ExecutionStore.Change> changes = store.changesSince(seenPosition, 5_000);
        if (changes.isEmpty()) {
          break;
        }
        Map<ExecutionId, Long> touched = new HashMap<>();
        for (ExecutionStore.Change c : changes) {
          Long known = committed.get(c.execution());
          if (known == null || known < c.seq()) {
            touched.merge(c.execution(), c.seq(), Math::max);
          }
        }
        seenPosition = skipOwn(changes.getLast().position(), last);
        touched.forEach(this::changedElsewhere);
      }
    } catch (RuntimeException e) {
      LOG.warn("watching the store failed: {}", e.toString());
    }
    watchTimer = time.schedule(time.instant().plus(options.pollInterval()), this::watch);
    // why: a close that came while this look ran cancelled the timer before this one; left armed,
    // it would hold the closed engine (and its store) until it fired
    if (closed || shuttingDown) {
      watchTimer.cancel();
    }
  }

  /**
   * The position after {@code seen} up to which everything is this process's own writing; ranges
   * at or before the result are forgotten.
   */
  private long skipOwn(long seen, long last) {
    long at = seen;
    while (at < last) {
      var range = ownPositions.floorEntry(at + 1);
      if (range == null || range.getValue() <= at) {
        break;
      }
      at = Math.min(last, range.getValue());
    }
    long upTo = at;
    ownPositions.headMap(upTo, true).entrySet().removeIf(e -> e.getValue() <= upTo);
    return upTo;
  }

  private void changedElsewhere(ExecutionId id, long seq) {
    Long known = committed.get(id);
    if (known != null && known >= seq) {
      return;
    }
    ExecutionActor actor = actors.get(id);
    if (actor != null) {
      actor.offer(new Input.Wake(true), false);
    }
    evaluateRemoteWatches(id);
  }

  void watchElsewhere(ExecutionId id, Input.Watch watch) {
    ExecutionState s;
    try {
      s = store.load(id);
    } catch (BatonException e) {
      watch.future().completeExceptionally(e);
      return;
    }
    if (settle(watch, s)) {
      return;
    }
    remoteWatches.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(watch);
    // why: a change between the load and the registration would otherwise go unnoticed
    evaluateRemoteWatches(id);
  }

  private void evaluateRemoteWatches(ExecutionId id) {
    List<Input.Watch> watches = remoteWatches.get(id);
    if (watches == null || watches.isEmpty()) {
      return;
    }
    ExecutionState s;
    try {
      s = store.load(id);
    } catch (RuntimeException e) {
      return;
    }
    watches.removeIf(w -> settle(w, s));
    if (watches.isEmpty()) {
      remoteWatches.remove(id, watches);
    }
  }

  private static boolean settle(Input.Watch w, ExecutionState s) {
    if (w.future().isDone()) {
      return true;
    }
    if (w.condition().test(s)) {
      w.future().complete(s);
      return true;
    }
    if (s.status().terminal()) {
      w.future().completeExceptionally(BatonException.of(
          ErrorCode.EXECUTION_ILLEGAL_TRANSITION, "execution " + s.id() + " ended "
              + s.status().name().toLowerCase() + " before the awaited condition held"));
      return true;
    }
    return false;
  }

  // ------------------------------------------------------------------ for actors and jobs

  TimePort time() {
    return time;
  }

  Workers workers() {
    return workers;
  }

  ResultCache cache() {
    return cache;
  }

  RateLimiter rateLimiter() {
    return rateLimiter;
  }

  ResourceLocks locks() {
    return locks;
  }

  Limits limits() {
    return limits;
  }

  Telemetry telemetry() {
    return telemetry;
  }

  Replanning replanning() {
    return replanning;
  }

  Round.Rules rules(boolean drain) {
    Tools t = tools;
    return drain ? t.draining() : t.running();
  }

  List<PlanContext.Example> examples(String tenant, String request) {
    try {
      return examples.apply(tenant, request);
    } catch (RuntimeException e) {
      LOG.warn("could not find example plans: {}", e.toString());
      return List.of();
    }
  }

  Scheduler newScheduler() {
    ToolCatalog catalog = catalog();
    return new Scheduler(step -> catalog.find(step.tool())
        .map(t -> Math.max(1, t.descriptor().options().expectedDuration().toMillis()))
        .orElse(1L));
  }

  /** Events this process committed: to listeners, and remembered so the watcher skips them. */
  void published(List<Event> events, long lastPosition) {
    if (events.isEmpty()) {
      return;
    }
    if (lastPosition > 0) {
      ownPositions.put(lastPosition - events.size() + 1, lastPosition);
    }
    Event last = events.getLast();
    committed.merge(last.execution(), last.seq(), Math::max);
    for (Event e : events) {
      for (Consumer<Event> l : listeners) {
        try {
          l.accept(e);
        } catch (RuntimeException ex) {
          // why: a broken listener must not stop an execution
          LOG.warn("listener failed: {}", ex.toString());
        }
      }
    }
    if (!remoteWatches.isEmpty()) {
      evaluateRemoteWatches(last.execution());
    }
  }

  void idle(ExecutionActor actor) {
    ExecutionActor eldest = null;
    idleLock.lock();
    try {
      idle.put(actor.id, actor);
      if (idle.size() > options.keepIdleStates()) {
        var it = idle.entrySet().iterator();
        eldest = it.next().getValue();
        it.remove();
      }
    } finally {
      idleLock.unlock();
    }
    if (eldest != null) {
      eldest.evict();
    }
  }

  void drained(ExecutionActor actor) {
    CompletableFuture<Void> f = drainedFutures.get(actor.id);
    if (f != null) {
      f.complete(null);
    }
  }

  void ended(ExecutionActor actor) {
    actors.remove(actor.id, actor);
    committed.remove(actor.id);
    idleLock.lock();
    try {
      idle.remove(actor.id, actor);
    } finally {
      idleLock.unlock();
    }
    drained(actor);
  }

  /** Choices for building an engine. */
  public static final class Builder {
    private final ExecutionStore store;
    private final ToolCatalog catalog;
    private final TimePort time;
    private final Workers workers;
    private EngineOptions options;
    private RateLimiter rateLimiter = RateLimiter.UNLIMITED;
    private ResourceLocks locks = new LocalResourceLocks();
    private ResultCache cache = ResultCache.NONE;
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private ProcessProbe probe = ProcessProbe.NONE;
    private Replanning replanning;
    private BiFunction<String, String, List<PlanContext.Example>> examples =
        (tenant, request) -> List.of();
    private boolean watch = true;

    private Builder(ExecutionStore store, ToolCatalog catalog, TimePort time, Workers workers) {
      this.store = store;
      this.catalog = catalog;
      this.time = time;
      this.workers = workers;
    }

    public Builder options(EngineOptions value) {
      options = value;
      return this;
    }

    public Builder rateLimiter(RateLimiter value) {
      rateLimiter = value;
      return this;
    }

    public Builder locks(ResourceLocks value) {
      locks = value;
      return this;
    }

    public Builder cache(ResultCache value) {
      cache = value;
      return this;
    }

    public Builder openTelemetry(OpenTelemetry value) {
      openTelemetry = value;
      return this;
    }

    public Builder probe(ProcessProbe value) {
      probe = value;
      return this;
    }

    /**
     * The planner for requests submitted without a plan, and for new plans when a required step
     * fails for good.
     */
    public Builder replanning(Replanning value) {
      replanning = value;
      return this;
    }

    /** Earlier good plans for a tenant's request, given to the planner as examples. */
    public Builder examples(BiFunction<String, String, List<PlanContext.Example>> value) {
      examples = value;
      return this;
    }

    /**
     * Whether to look for events other processes append (default true); an engine alone on its
     * store (the simulator) needs no watcher.
     */
    public Builder watchOtherProcesses(boolean value) {
      watch = value;
      return this;
    }

    public Engine build() {
      return new Engine(this);
    }
  }
}
