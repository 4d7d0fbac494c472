package dev.baton.app;

import dev.baton.adapters.Engines;
import dev.baton.connect.CatalogEntry;
import dev.baton.connect.Connections;
import dev.baton.connect.DescriptionPlanner;
import dev.baton.core.memory.InMemoryToolAllowances;
import dev.baton.adapters.LocalProcessProbe;
import dev.baton.core.engine.Engine;
import dev.baton.core.engine.EngineOptions;
import dev.baton.core.engine.Replanning;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.Question;
import dev.baton.core.plan.Plan;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.planning.Planner;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.LanguageModel;
import dev.baton.core.simulate.Simulation;
import dev.baton.core.simulate.SimulationOptions;
import dev.baton.core.simulate.Simulator;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.model.LangChain4jModel;
import dev.baton.model.ModelPlanner;
import dev.baton.planner.OfflinePlanner;
import dev.baton.store.jdbc.JdbcExecutionStore;
import dev.baton.tools.AgentsConfig;
import dev.baton.tools.BuiltInAgents;
import dev.baton.tools.analysis.TextModel;
import dev.baton.tools.demo.DemoTools;
import dev.baton.tools.workspace.DemoWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Baton assembled from a configuration: store, tool catalogue, planner and engine. Close it when
 * done.
 *
 * <p>{@link #open} makes every part at once (a server, or anything that runs executions, wants
 * its failures up front). {@link #lazy} makes each part the first time it is asked for, so a
 * command opens only what it uses: listing tools or planning a request opens no database,
 * reading the store builds no engine. Either way the parts are the same and thread-safe.
 */
public final class BatonApp implements AutoCloseable {
  private final BatonConfig config;
  private final Lazy<Optional<LanguageModel>> model;
  private final Lazy<ExecutionStore> store;
  private final Lazy<ToolCatalog> catalog;
  private final Lazy<Planner> planner;
  private final dev.baton.core.feedback.ResolutionMemory resolutions;
  private final Lazy<Engine> engine;
  /** The OTLP exporter of the engine's spans, when one is configured (see {@link OtlpTraces}). */
  private final Lazy<Optional<OtlpTraces>> traces =
      new Lazy<>("OTLP exporter", () -> OtlpTraces.configured(System.getenv()));
  /** MCP servers and plugins (issue 12); nothing starts until the catalogue is made. */
  private final Lazy<List<Tool>> builtIns;
  private final Lazy<Connections> connections;
  /** Warnings the planner gave (a model it could not reach); the CLI prints and clears them. */
  private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Thread onShutdown = Thread.ofPlatform().unstarted(this::closeQuietly);

  private BatonApp(BatonConfig config, boolean adoptOrphans) {
    this.config = config;
    this.model = new Lazy<>("language model", () -> Optional.ofNullable(config.model())
        .map(LangChain4jModel::new));
    this.store = new Lazy<>("store", () -> {
      createHome(config);
      return openStore(config.store(), config);
    });
    this.builtIns = new Lazy<>("built-in tools", () -> {
      createHome(config);
      ensureWorkspace(config);
      return tools(config, model.get().orElse(null), toolResources::add);
    });
    this.connections = new Lazy<>("connections", () -> Connections.open(config.home(),
        System.getenv(), () -> store.get() instanceof JdbcExecutionStore j ? j.allowances()
            : new InMemoryToolAllowances()));
    this.catalog = new Lazy<>("tool catalogue", () -> {
      List<Tool> tools = builtIns.get();
      Connections c = connections.get();
      // why: with nothing connected, the catalogue costs what it did before (no store opened)
      if (c.isEmpty()) {
        return ToolCatalog.of(tools);
      }
      // why: on its own thread: a change is heard while a server holds its own lock
      c.onChange(() -> Thread.ofVirtual().name("catalogue-refresh").start(this::refreshCatalog));
      return ToolCatalog.of(tools).plus(c.catalog(tools));
    });
    // why: answers to clarifying questions are remembered in the store; planning opens it only
    // when a name is in doubt
    this.resolutions = Learning.deferred(() -> store.get() instanceof JdbcExecutionStore j
        ? dev.baton.store.jdbc.JdbcResolutionMemory.on(j)
        : new dev.baton.core.memory.InMemoryResolutionMemory());
    // why: with no model configured Baton still plans, offline, in Hebrew and English; with
    // one that cannot be reached, too (unless planner.fallback=none), saying so
    // why: DescriptionPlanner (issue 12) plans a request for an MCP server's or plugin's tool
    // from its description when the planner below cannot; it changes nothing else
    this.planner = new Lazy<>("planner", () -> new DescriptionPlanner(model.get().<Planner>map(m ->
        config.offlineFallback() ? new FallbackPlanner(new ModelPlanner(m),
            new OfflinePlanner(resolutions), config.model().name(), warnings::add)
            : new ModelPlanner(m))
        .orElseGet(() -> new OfflinePlanner(resolutions))));
    this.engine = new Lazy<>("engine", () -> {
      var e = config.engine();
      EngineOptions options = EngineOptions.defaults(processName())
          .withMaxConcurrentSteps(e.maxConcurrentSteps())
          .withPollInterval(e.pollInterval())
          .withLeaseTtl(e.leaseTtl())
          .withAdoptOrphans(adoptOrphans);
      ToolCatalog tools = catalog();
      Engine built = Engines.builder(store.get(), tools).options(options)
          .openTelemetry(traces.get().map(OtlpTraces::openTelemetry)
              .orElse(io.opentelemetry.api.OpenTelemetry.noop()))
          .replanning(new Replanning(planner.get(), Replanning.DEFAULT_MAX_REPLANS, config.zone()))
          .examples((tenant, request) -> Learning.examples(store.get(), tenant, request, EXAMPLES))
          .build();
      // why: an answer about a name is remembered whichever surface gave it (the CLI, the HTTP
      // API, the dashboard, an MCP client): the process that commits the answer remembers it
      built.subscribe(event -> {
        if (event instanceof Event.QuestionAnswered answered) {
          Thread.ofVirtual().name("remember-" + answered.question())
              .start(() -> remember(built, answered));
        }
      });
      if (catalog() != tools) {
        // why: the catalogue changed while the engine was being built
        built.useCatalog(catalog());
      }
      return built;
    });
    // why: Ctrl-C should drain (record what finishes) and give up leases, not leave them to expire
    Runtime.getRuntime().addShutdownHook(onShutdown);
  }

  public static BatonApp open(BatonConfig config) {
    return open(config, false);
  }

  /**
   * Baton with every part made now: data folder, demo workspace, store (migrated), catalogue,
   * planner and engine.
   *
   * @param adoptOrphans after a person's command on an execution no live process holds, run it in
   *     this process (for commands that then follow it to the end)
   */
  public static BatonApp open(BatonConfig config, boolean adoptOrphans) {
    BatonApp app = new BatonApp(config, adoptOrphans);
    try {
      createHome(config);
      ensureWorkspace(config);
      app.store();
      app.catalog();
      app.engine();
      return app;
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  /**
   * Baton whose parts are made on first use: {@link #catalog()} (which writes the demo workspace
   * if there is none), {@link #store()} (which opens and, if needed, migrates the database),
   * {@link #planner()}, {@link #engine()} (store, catalogue and planner). Failures to open a part
   * surface where it is first asked for.
   *
   * @param adoptOrphans as for {@link #open(BatonConfig, boolean)}
   */
  public static BatonApp lazy(BatonConfig config, boolean adoptOrphans) {
    return new BatonApp(config, adoptOrphans);
  }

  /** This process's name in the store: host, pid, and a random part (pids are reused). */
  private static String processName() {
    var probe = LocalProcessProbe.INSTANCE;
    return probe.host() + "-" + probe.pid() + "-"
        + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffL);
  }

  private static void createHome(BatonConfig config) {
    if (Files.exists(config.home()) && !Files.isDirectory(config.home())) {
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "the data folder " + config.home()
          + " is a file, not a folder; set BATON_HOME (or --home) to a folder");
    }
    try {
      Files.createDirectories(config.home());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + config.home(), e);
    }
  }

  private static ExecutionStore openStore(BatonConfig.StoreConfig s, BatonConfig config) {
    if (s.embedded()) {
      SqliteNativeLibrary.useFrom(config.home());
      return JdbcExecutionStore.sqlite(config.home().resolve("baton.db"));
    }
    if (s.url().startsWith("jdbc:sqlite:")) {
      SqliteNativeLibrary.useFrom(config.home());
      return JdbcExecutionStore.sqlite(java.nio.file.Path.of(s.url().substring(
          "jdbc:sqlite:".length())));
    }
    return JdbcExecutionStore.postgres(s.url(), s.user(), s.password(), s.schema());
  }

  static List<Tool> tools(BatonConfig config, LanguageModel model) {
    return tools(config, model, r -> { });
  }

  /** The tools, handing what they hold open to {@code opened} (closed with the app). */
  private static List<Tool> tools(BatonConfig config, LanguageModel model,
      java.util.function.Consumer<java.io.Closeable> opened) {
    List<Tool> tools = new ArrayList<>(DemoTools.all(config.home()));
    BuiltInAgents.Agents agents = BuiltInAgents.open(agents(config),
        model == null ? TextModel.NONE : new LanguageTextModel(model));
    opened.accept(agents.resources());
    tools.addAll(agents.tools());
    return tools;
  }

  /** What the built-in tools hold open (the search index, the folder watch). */
  private final List<java.io.Closeable> toolResources =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The built-in agents' slice of the configuration. */
  static AgentsConfig agents(BatonConfig config) {
    AgentsConfig agents = AgentsConfig.embedded(config.workspace()).withZone(config.zone());
    // why: the data folder (database, configuration, keys) may lie inside the workspace, or be
    // the workspace itself; either way tools must not reach Baton's own files
    java.nio.file.Path home = config.home();
    List<java.nio.file.Path> reserved = new ArrayList<>(List.of(home));
    for (String name : List.of("baton.db", "baton.db-wal", "baton.db-shm", "baton.db-users",
        "baton.db-open.lock", ConfigLoader.FILE_NAME, "plugins", "keys", "seed-plan.json",
        dev.baton.connect.ConnectionsConfig.FILE_NAME)) {
      reserved.add(home.resolve(name));
    }
    agents = new AgentsConfig(agents.workspace(), agents.zone(), agents.workingHours(),
        config.owner(), agents.calendar(), agents.contacts(), agents.clock(), reserved);
    if (config.calendar() != null) {
      agents = agents.withCalendar(AgentsConfig.Calendar.calDav(dav(config.calendar())));
    }
    if (config.contacts() != null) {
      agents = agents.withContacts(AgentsConfig.Contacts.cardDav(dav(config.contacts())));
    }
    return agents;
  }

  private static AgentsConfig.Dav dav(BatonConfig.Dav d) {
    return new AgentsConfig.Dav(URI.create(d.url()), d.user(), d.password());
  }

  /**
   * Creates the demo workspace the first time Baton runs (when the workspace folder does not
   * exist yet), so the built-in agents have something to work on with no set-up.
   *
   * @return true when it was created now
   */
  public static boolean ensureWorkspace(BatonConfig config) {
    if (Files.exists(config.workspace())) {
      return false;
    }
    DemoWorkspace.create(config.workspace(), LocalDate.now(config.zone()));
    return true;
  }

  public BatonConfig config() {
    return config;
  }

  /** The store, opened (and migrated if its schema is not the latest) on first use. */
  public ExecutionStore store() {
    return store.get();
  }

  /** The tool catalogue, made on first use (tools' schemas are built when first asked for). */
  /** People's ratings of executions, kept in the store's database (opens the store). */
  public dev.baton.core.feedback.FeedbackStore feedback() {
    return store().feedback();
  }

  public ToolCatalog catalog() {
    ToolCatalog now = refreshed;
    return now != null ? now : catalog.get();
  }

  /** The catalogue as it was last rebuilt after a change; null until the first change. */
  private volatile ToolCatalog refreshed;

  /**
   * A server's tools changed, or a tool was allowed or revoked: the planners and the engine use
   * the new catalogue from the next plan and the next round on.
   */
  private void refreshCatalog() {
    try {
      List<Tool> tools = builtIns.get();
      ToolCatalog next = ToolCatalog.of(tools).plus(connections.get().catalog(tools));
      refreshed = next;
      engine.ifMade().ifPresent(e -> e.useCatalog(next));
    } catch (RuntimeException e) {
      warnings.add("the tool catalogue could not be rebuilt after a change: " + e.getMessage());
    }
  }

  private void remember(Engine engine, Event.QuestionAnswered answered) {
    try {
      ExecutionState state = engine.state(answered.execution());
      Question question = state.questions().get(answered.question());
      if (question != null) {
        Learning.remember(resolutions, state.tenant(), question, answered.answer(),
            answered.at());
      }
    } catch (RuntimeException e) {
      warnings.add("the answer to " + answered.question() + " was not remembered: "
          + e.getMessage());
    }
  }

  /** What people answered about names (per tenant), remembered in the store (opens it). */
  public dev.baton.core.feedback.ResolutionMemory resolutions() {
    return resolutions;
  }

  /**
   * Every tool as {@code baton tools} lists it: built-in, plugins', MCP servers' (usable or not,
   * with health and whether allowed). Starts the configured servers.
   */
  public List<CatalogEntry> toolEntries() {
    return connections.get().entries(builtIns.get());
  }

  /** Allows an MCP server's tool as it is described now (see {@link Connections#allow}). */
  public CatalogEntry allowTool(String name, String by) {
    CatalogEntry allowed = connections.get().allow(name, by, builtIns.get());
    // why: at once, so the next plan in this process may use it
    if (catalog.ifMade().isPresent()) {
      refreshCatalog();
    }
    return allowed;
  }

  /** Takes back the allowance of an MCP server's tool; false if it had none. */
  public boolean revokeTool(String name) {
    boolean had = connections.get().revoke(name);
    if (had && catalog.ifMade().isPresent()) {
      refreshCatalog();
    }
    return had;
  }

  /** The engine, built on first use (with the store, the catalogue and the planner). */
  public Engine engine() {
    return engine.get();
  }

  public Planner planner() {
    return planner.get();
  }

  /** Which planner plans requests, for the record: "offline" or the model's name. */
  public String plannerName() {
    return config.model() == null ? "offline" : config.model().name();
  }

  /** What the planner warned about since the last call (a model it could not reach), cleared. */
  public List<String> takeWarnings() {
    List<String> out = List.copyOf(warnings);
    warnings.removeAll(out);
    return out;
  }

  /**
   * Predicts a run of {@code plan} on virtual time without any side effect (a dry run), with the
   * tools' durations and model use taken from this tenant's past runs where there are any.
   */
  public Simulation simulate(Plan plan, SimulationOptions.Mode mode, ExecutionOptions options) {
    RunHistory history = RunHistory.of(store(), config.tenant());
    return Simulator.simulate(plan, catalog(), SimulationOptions.of(mode, Instant.now())
        .withHistory(history::median).withModelUse(history::modelUse).withExecution(options));
  }

  /** How many similar well-rated plans a model planner is shown. */
  static final int EXAMPLES = 3;

  /** Plans a request now, in the configured zone, detecting its language. */
  public PlanProposal plan(String request) {
    // why: made before the clock starts, so the time shown is planning's, as with open()
    Planner planner = planner();
    ToolCatalog catalog = catalog();
    long start = System.nanoTime();
    // why: well-rated similar plans guide a model; the offline planner needs none (and planning
    // offline then opens no database)
    List<PlanContext.Example> examples = config.model() == null ? List.of()
        : Learning.examples(store(), config.tenant(), request, EXAMPLES);
    PlanProposal p = planner.plan(request, catalog, new PlanContext(Instant.now(), config.zone(),
        null, examples, config.tenant()));
    StartupLog.mark("planned");
    if (!p.cost().took().isZero()) {
      return p;
    }
    // why: the offline planner reports no cost; the time it took is still worth showing
    var cost = new dev.baton.core.planning.PlanCost(p.cost().modelCalls(), p.cost().inputTokens(),
        p.cost().outputTokens(), java.time.Duration.ofNanos(System.nanoTime() - start));
    return new PlanProposal(p.plan(), p.reasons(), cost, p.language());
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(onShutdown);
    } catch (IllegalStateException shuttingDown) {
      // why: already running as the hook itself, or the JVM is on its way down
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      engine.close().ifPresent(Engine::close);
    } finally {
      try {
        traces.close().flatMap(t -> t).ifPresent(OtlpTraces::close);
      } catch (RuntimeException e) {
        // why: spans that cannot be sent must not keep the store open
        System.err.println("Baton: spans not sent to the OTLP endpoint: " + e.getMessage());
      }
      builtIns.close();
      for (java.io.Closeable r : toolResources) {
        try {
          r.close();
        } catch (java.io.IOException | RuntimeException e) {
          // why: an index that cannot close cleanly is opened again (and checked) next time
          System.err.println("Baton: the search index did not close cleanly: " + e.getMessage());
        }
      }
      try {
        connections.close().ifPresent(Connections::close);
      } finally {
        store.close().ifPresent(ExecutionStore::close);
      }
    }
  }
}
