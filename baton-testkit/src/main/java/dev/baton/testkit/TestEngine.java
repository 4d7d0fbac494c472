package dev.baton.testkit;

import dev.baton.adapters.Bucket4jRateLimiter;
import dev.baton.adapters.CaffeineResultCache;
import dev.baton.core.engine.Engine;
import dev.baton.core.engine.EngineOptions;
import dev.baton.core.engine.ExecutionHandle;
import dev.baton.core.engine.Replanning;
import dev.baton.core.engine.Submission;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.Question;
import dev.baton.core.memory.InMemoryExecutionStore;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.virtual.VirtualRuntime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Baton's real engine on virtual time, for tests: real plans, real tools, real rounds, but one
 * thread and a clock that moves only when nothing is left to do now, so every run is deterministic
 * and takes no real time. Tools wait with {@code ToolContext.sleep}, which costs virtual time only.
 * A test submits, then drives time: {@link #awaitEnd}, {@link #runUntil}, {@link #advance}.
 * {@link #restart()} replaces the engine by a new one on the same store, as after a crash.
 */
public final class TestEngine implements AutoCloseable {
  /** How far a test lets virtual time run before it gives up waiting for a condition. */
  public static final Duration HORIZON = Duration.ofDays(7);

  private final VirtualRuntime runtime;
  private final ExecutionStore store;
  private final ToolCatalog catalog;
  private final Function<Engine.Builder, Engine.Builder> customise;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<Engine> engines = new ArrayList<>();
  private Engine engine;

  private TestEngine(VirtualRuntime runtime, ExecutionStore store, ToolCatalog catalog,
      Function<Engine.Builder, Engine.Builder> customise) {
    this.runtime = runtime;
    this.store = store;
    this.catalog = catalog;
    this.customise = customise;
    this.engine = newEngine();
  }

  /** A test engine on an in-memory store, starting at {@link FakeClock#DEFAULT_START}. */
  public static TestEngine of(ToolCatalog catalog) {
    return of(new VirtualRuntime(FakeClock.DEFAULT_START), new InMemoryExecutionStore(),
        catalog, b -> b);
  }

  /**
   * A test engine whose tools need its clock (to record when they ran): {@code tools} gets the
   * virtual clock and returns the catalogue.
   */
  public static TestEngine create(Function<InstantSource, ToolCatalog> tools) {
    return create(tools, b -> b);
  }

  /** Like {@link #create(Function)}, with {@code customise} applied to each engine's builder. */
  public static TestEngine create(Function<InstantSource, ToolCatalog> tools,
      Function<Engine.Builder, Engine.Builder> customise) {
    VirtualRuntime runtime = new VirtualRuntime(FakeClock.DEFAULT_START);
    return of(runtime, new InMemoryExecutionStore(), tools.apply(runtime), customise);
  }

  /**
   * A test engine on {@code store}, with {@code customise} applied to each engine's builder (for
   * options, a planner, telemetry…).
   */
  public static TestEngine of(VirtualRuntime runtime, ExecutionStore store, ToolCatalog catalog,
      Function<Engine.Builder, Engine.Builder> customise) {
    return new TestEngine(runtime, store, catalog, customise);
  }

  private Engine newEngine() {
    Engine.Builder b = Engine.builder(store, catalog, runtime, runtime)
        .options(EngineOptions.defaults("test-" + engines.size()))
        .cache(new CaffeineResultCache(10_000, runtime))
        .rateLimiter(new Bucket4jRateLimiter(runtime));
    Engine e = customise.apply(b).build();
    e.subscribe(events::add);
    engines.add(e);
    return e;
  }

  public Engine engine() {
    return engine;
  }

  public VirtualRuntime runtime() {
    return runtime;
  }

  public ExecutionStore store() {
    return store;
  }

  public Instant now() {
    return runtime.instant();
  }

  /** Every event the engines committed, in order. */
  public List<Event> events() {
    return events;
  }

  /** The events of one execution as stored. */
  public List<Event> events(ExecutionId id) {
    return store.events(id, 0);
  }

  public ExecutionHandle submit(String planJson) {
    return submit(planJson, ExecutionOptions.DEFAULTS);
  }

  public ExecutionHandle submit(String planJson, ExecutionOptions options) {
    return submit(PlanCodec.parse(planJson), options);
  }

  public ExecutionHandle submit(Plan plan, ExecutionOptions options) {
    return engine.submit(Submission.of(plan).withOptions(options));
  }

  public ExecutionHandle submit(Submission submission) {
    return engine.submit(submission);
  }

  /** Runs jobs and moves virtual time until {@code future} is done; fails if it never is. */
  public <T> T await(CompletableFuture<T> future) {
    if (!runtime.runUntil(future::isDone, HORIZON)) {
      throw new AssertionError("nothing left to run and the awaited future is not done (virtual"
          + " time " + runtime.instant() + ")");
    }
    return future.join();
  }

  /** Runs until the execution ends and returns its final state. */
  public ExecutionState awaitEnd(ExecutionId id) {
    return await(engine.result(id));
  }

  /** Runs until {@code condition} holds for the execution and returns the state then. */
  public ExecutionState runUntil(ExecutionId id, Predicate<ExecutionState> condition) {
    return await(engine.when(id, condition));
  }

  /** Runs until {@code n} approvals wait in the execution; returns them. */
  public List<Approval> awaitApprovals(ExecutionId id, int n) {
    return runUntil(id, s -> s.pendingApprovals().size() == n).pendingApprovals();
  }

  /** Runs until {@code n} questions wait in the execution; returns them. */
  public List<Question> awaitQuestions(ExecutionId id, int n) {
    return runUntil(id, s -> s.pendingQuestions().size() == n).pendingQuestions();
  }

  /** Moves virtual time by {@code d}, running whatever falls due. */
  public void advance(Duration d) {
    runtime.advance(d);
  }

  /** Runs whatever is ready now, without moving time. */
  public void runReady() {
    runtime.runReady();
  }

  public ExecutionState state(ExecutionId id) {
    return engine.state(id);
  }

  /**
   * Stops the engine as a crash would (nothing drains, nothing is let go) and starts a new one on
   * the same store, which takes over after the old one's lease: virtual time moves past it.
   */
  public Engine crash() {
    Engine old = engine;
    old.halt();
    runtime.advance(old.options().leaseTtl().plusSeconds(1));
    engine = newEngine();
    engine.recover();
    return engine;
  }

  /** Closes the engine gracefully (as on Ctrl-C) and starts a new one that recovers at once. */
  public Engine restart() {
    Engine old = engine;
    await(old.shutdown());
    old.close();
    engine = newEngine();
    engine.recover();
    return engine;
  }

  @Override
  public void close() {
    for (Engine e : engines) {
      CompletableFuture<Void> drained = e.shutdown();
      runtime.runUntil(drained::isDone, Duration.ofMinutes(1));
      e.close();
    }
  }

  /** A replanning config for tests: {@code planner} at most twice, in UTC. */
  public static Replanning replanning(dev.baton.core.planning.Planner planner) {
    return new Replanning(planner, Replanning.DEFAULT_MAX_REPLANS, java.time.ZoneOffset.UTC);
  }
}
