package dev.baton.core.engine;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.memory.Bucket4jRateLimiter;
import dev.baton.core.memory.CaffeineResultCache;
import dev.baton.core.memory.LocalResourceLocks;
import dev.baton.core.memory.TieredResultCache;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanValidator;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.RateLimiter;
import dev.baton.core.port.ResourceLocks;
import dev.baton.core.tool.ToolCatalog;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs plans: validates and records a submission, then drives each execution on a virtual thread
 * of its own until it ends, in this process, holding a lease on it in the store. A person's commands
 * (pause, resume, cancel, approve, reject, plan decisions) go to the execution's runner when it runs
 * here, or straight to the store when another process runs it (that process sees them when it next
 * polls). Thread-safe. Close it to stop every runner without recording anything: unfinished
 * executions resume in the next engine that calls {@link #recover()}.
 */
public final class Engine implements AutoCloseable {
  private static final int DIRECT_RETRIES = 8;

  private final ExecutionStore store;
  private final ToolCatalog catalog;
  private final InstantSource clock;
  private final EngineOptions options;
  private final StepPipeline pipeline;
  private final PlanValidator validator;
  private final Replanning replanning;
  private final ConcurrentMap<ExecutionId, ExecutionRunner> runners = new ConcurrentHashMap<>();
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private final ReentrantLock changed = new ReentrantLock();
  private final Condition anyEvent = changed.newCondition();
  private final Context context = new Context();
  private volatile boolean closed;

  private Engine(Builder b) {
    this.store = Objects.requireNonNull(b.store, "store");
    this.catalog = Objects.requireNonNull(b.catalog, "catalog");
    this.clock = b.clock;
    this.options = b.options;
    this.validator = new PlanValidator(catalog);
    this.replanning = b.replanning;
    this.pipeline = new StepPipeline(
        new TieredResultCache(new CaffeineResultCache(10_000), store.cache()),
        b.rateLimiter, b.locks,
        new Limits(options.maxConcurrentSteps(), options.defaultToolConcurrency()),
        new Telemetry(b.openTelemetry), clock);
  }

  public static Builder builder(ExecutionStore store, ToolCatalog catalog) {
    return new Builder(store, catalog);
  }

  public ToolCatalog catalog() {
    return catalog;
  }

  public ExecutionStore store() {
    return store;
  }

  public EngineOptions options() {
    return options;
  }

  /**
   * Validates the plan, records the execution, and starts it (or holds it for plan approval).
   *
   * @throws BatonException PLAN_INVALID listing every problem; nothing is recorded then
   */
  public ExecutionId submit(Submission submission) {
    checkOpen();
    validator.check(submission.plan());
    ExecutionId id = submission.id() != null ? submission.id() : ExecutionId.random();
    Instant now = clock.instant();
    List<Event> events = new ArrayList<>();
    events.add(new Event.ExecutionCreated(id, 1, now, submission.tenant(), submission.request(),
        submission.plan(), submission.options()));
    var planned = submission.plannedBy();
    if (planned != null && planned.cost().modelCalls() > 0) {
      events.add(new Event.ModelUsed(id, events.size() + 1, now, "planning", planned.planner(),
          planned.cost().modelCalls(), planned.cost().inputTokens(),
          planned.cost().outputTokens(), planned.cost().took()));
    }
    if (submission.options().requirePlanApproval()) {
      events.add(new Event.PlanApprovalRequested(id, events.size() + 1, now, 1));
      events.add(new Event.StatusChanged(id, events.size() + 1, now, ExecutionStatus.QUEUED,
          ExecutionStatus.AWAITING_PLAN_APPROVAL, "the plan waits for approval"));
    }
    store.append(events);
    events.forEach(context::publish);
    adopt(id, ExecutionState.replay(events));
    return id;
  }

  /** Starts a runner here for every unfinished execution that no live process holds. */
  public List<ExecutionId> recover() {
    checkOpen();
    List<ExecutionId> adopted = new ArrayList<>();
    for (ExecutionId id : store.unfinished()) {
      if (adopt(id)) {
        adopted.add(id);
      }
    }
    return adopted;
  }

  /** Runs an execution here if nobody else holds it; true when a runner of this engine has it. */
  public boolean adopt(ExecutionId id) {
    return adopt(id, null);
  }

  /** @param known the state as the caller just wrote it, or null to load it after claiming */
  private boolean adopt(ExecutionId id, ExecutionState known) {
    checkOpen();
    if (runners.containsKey(id)) {
      return true;
    }
    if (!store.claim(id, options.owner(), clock.instant(), options.leaseTtl())) {
      return false;
    }
    ExecutionState state = known != null ? known : store.load(id);
    if (state.status().terminal()) {
      store.release(id, options.owner());
      return false;
    }
    ExecutionRunner runner = new ExecutionRunner(context, state);
    if (runners.putIfAbsent(id, runner) != null) {
      return true;
    }
    runner.start();
    return true;
  }

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
   * Answers an execution that waits for its whole plan to be approved; {@code edited} (may be null)
   * is validated and stored as a new plan version before anything runs.
   */
  public void decidePlan(ExecutionId id, boolean approve, Plan edited, String by,
      String comment) {
    control(id, new Controls.Action.DecidePlan(approve, edited, by, comment));
  }

  private ExecutionId execution(ApprovalId approval) {
    ExecutionId id = approval.execution();
    if (store.summary(id).isEmpty()) {
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "no approval '" + approval + "'");
    }
    return id;
  }

  private void control(ExecutionId id, Controls.Action action) {
    checkOpen();
    ExecutionRunner runner = runners.get(id);
    if (runner != null) {
      try {
        CompletableFuture<Void> reply = runner.control(action);
        // why: a runner that ends after this command was queued never answers it
        CompletableFuture.anyOf(reply, runner.ended()).get(30, TimeUnit.SECONDS);
        if (reply.isDone()) {
          reply.get();
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof ExecutionRunner.Stopped)) {
          throw e.getCause() instanceof BatonException b ? b
              : BatonException.of(ErrorCode.INTERNAL, "command failed", e.getCause());
        }
        // why: the runner ended between lookup and reply; apply the command directly below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw BatonException.of(ErrorCode.INTERNAL, "interrupted while waiting for " + id, e);
      } catch (TimeoutException e) {
        throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "execution " + id
            + " did not take the command within 30 s", e);
      }
    }
    direct(id, action);
    if (options.adoptOrphans() && store.leaseHolder(id, clock.instant()).isEmpty()) {
      adopt(id);
    }
  }

  /** Applies a command to the store when no runner in this process owns the execution. */
  private void direct(ExecutionId id, Controls.Action action) {
    for (int attempt = 0; ; attempt++) {
      ExecutionState state = store.load(id);
      List<Draft> drafts = Controls.apply(action, state, clock.instant(), catalog);
      List<Event> events = new ArrayList<>();
      long seq = state.lastSeq();
      for (Draft d : drafts) {
        events.add(d.stamp(++seq));
      }
      try {
        store.append(events);
        events.forEach(context::publish);
        return;
      } catch (BatonException e) {
        if (e.code() != ErrorCode.STORE_CONFLICT || attempt >= DIRECT_RETRIES) {
          throw e;
        }
      }
    }
  }

  /** The execution as recorded. @throws BatonException EXECUTION_NOT_FOUND */
  public ExecutionState state(ExecutionId id) {
    return store.load(id);
  }

  /**
   * Waits until the execution's state satisfies {@code condition} and returns that state.
   *
   * @throws BatonException INTERNAL on timeout, naming the status it was left in
   */
  public ExecutionState await(ExecutionId id, Predicate<ExecutionState> condition,
      Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      ExecutionState s = store.load(id);
      if (condition.test(s)) {
        return s;
      }
      if (Instant.now().isAfter(deadline)) {
        throw BatonException.of(ErrorCode.INTERNAL, "execution " + id + " did not reach the"
            + " expected state within " + timeout + "; it is " + s.status());
      }
      changed.lock();
      try {
        anyEvent.await(20, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw BatonException.of(ErrorCode.INTERNAL, "interrupted", e);
      } finally {
        changed.unlock();
      }
    }
  }

  /** Waits until the execution has ended (succeeded, failed or cancelled). */
  public ExecutionState awaitEnd(ExecutionId id, Duration timeout) {
    return await(id, s -> s.status().terminal(), timeout);
  }

  /** Every event committed by this engine, as it is committed, on the committing thread. */
  public AutoCloseable subscribe(Consumer<Event> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public boolean running(ExecutionId id) {
    return runners.containsKey(id);
  }

  /**
   * Stops every runner gracefully: nothing new starts, running tool calls get up to
   * {@link EngineOptions#shutdownGrace()} to finish and be recorded, steps waiting for a person are
   * left waiting. Unfinished executions resume in the next engine that calls {@link #recover()}.
   */
  @Override
  public void close() {
    closed = true;
    List<ExecutionRunner> all = new ArrayList<>(runners.values());
    all.forEach(r -> r.drain(options.shutdownGrace()));
    for (ExecutionRunner r : all) {
      try {
        r.join(options.shutdownGrace().plusSeconds(5));
        r.stop();
        r.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        all.forEach(ExecutionRunner::stop);
        return;
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw BatonException.of(ErrorCode.INTERNAL, "the engine is closed");
    }
  }

  private final class Context implements EngineContext {
    @Override
    public ExecutionStore store() {
      return store;
    }

    @Override
    public ToolCatalog catalog() {
      return catalog;
    }

    @Override
    public StepPipeline pipeline() {
      return pipeline;
    }

    @Override
    public InstantSource clock() {
      return clock;
    }

    @Override
    public EngineOptions options() {
      return options;
    }

    @Override
    public Replanning replanning() {
      return replanning;
    }

    @Override
    public void publish(Event event) {
      for (Consumer<Event> l : listeners) {
        try {
          l.accept(event);
        } catch (RuntimeException e) {
          // why: a broken listener must not stop an execution
          org.slf4j.LoggerFactory.getLogger(Engine.class).warn("listener failed: {}", e.toString());
        }
      }
      changed.lock();
      try {
        anyEvent.signalAll();
      } finally {
        changed.unlock();
      }
    }

    @Override
    public void runnerEnded(ExecutionRunner runner) {
      runners.remove(runner.id(), runner);
      publishNothing();
    }

    private void publishNothing() {
      changed.lock();
      try {
        anyEvent.signalAll();
      } finally {
        changed.unlock();
      }
    }
  }

  /** Choices for building an engine; every port has an in-process default. */
  public static final class Builder {
    private final ExecutionStore store;
    private final ToolCatalog catalog;
    private InstantSource clock = InstantSource.system();
    private EngineOptions options = EngineOptions.defaults();
    private RateLimiter rateLimiter = new Bucket4jRateLimiter();
    private ResourceLocks locks = new LocalResourceLocks();
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private Replanning replanning;

    private Builder(ExecutionStore store, ToolCatalog catalog) {
      this.store = store;
      this.catalog = catalog;
    }

    public Builder clock(InstantSource value) {
      clock = value;
      return this;
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

    public Builder openTelemetry(OpenTelemetry value) {
      openTelemetry = value;
      return this;
    }

    /** Ask this planner for a new plan version when a required step fails for good. */
    public Builder replanning(Replanning value) {
      replanning = value;
      return this;
    }

    public Engine build() {
      return new Engine(this);
    }
  }
}
