package dev.baton.app;

import dev.baton.adapters.Engines;
import dev.baton.adapters.LocalProcessProbe;
import dev.baton.core.engine.Engine;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.plan.Plan;
import dev.baton.core.simulate.Simulation;
import dev.baton.core.simulate.SimulationOptions;
import dev.baton.core.simulate.Simulator;
import dev.baton.core.engine.EngineOptions;
import dev.baton.core.engine.Replanning;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.planning.Planner;
import dev.baton.core.port.LanguageModel;
import dev.baton.model.LangChain4jModel;
import dev.baton.model.ModelPlanner;
import dev.baton.planner.OfflinePlanner;
import dev.baton.tools.analysis.TextModel;
import java.time.Instant;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.store.jdbc.JdbcExecutionStore;
import dev.baton.tools.AgentsConfig;
import dev.baton.tools.BuiltInAgents;
import dev.baton.tools.demo.DemoTools;
import dev.baton.tools.workspace.DemoWorkspace;
import java.net.URI;
import java.time.LocalDate;
import java.io.IOException;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Baton assembled from a configuration: store, tool catalogue and engine. Close it when done. */
public final class BatonApp implements AutoCloseable {
  private final BatonConfig config;
  private final ExecutionStore store;
  private final ToolCatalog catalog;
  private final Engine engine;
  private final Planner planner;
  private final List<String> warnings;
  private final Thread onShutdown = Thread.ofPlatform().unstarted(this::closeQuietly);

  private BatonApp(BatonConfig config, ExecutionStore store, ToolCatalog catalog, Engine engine,
      Planner planner, List<String> warnings) {
    this.warnings = warnings;
    this.config = config;
    this.store = store;
    this.catalog = catalog;
    this.engine = engine;
    this.planner = planner;
    // why: Ctrl-C should drain (record what finishes) and give up leases, not leave them to expire
    Runtime.getRuntime().addShutdownHook(onShutdown);
  }

  public static BatonApp open(BatonConfig config) {
    return open(config, false);
  }

  /**
   * @param adoptOrphans after a person's command on an execution no live process holds, run it in
   *     this process (for commands that then follow it to the end)
   */
  public static BatonApp open(BatonConfig config, boolean adoptOrphans) {
    if (Files.exists(config.home()) && !Files.isDirectory(config.home())) {
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "the data folder " + config.home()
          + " is a file, not a folder; set BATON_HOME (or --home) to a folder");
    }
    try {
      Files.createDirectories(config.home());
    } catch (IOException e) {
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "cannot create the data folder "
          + config.home() + ": " + e.getMessage(), e);
    }
    ensureWorkspace(config);
    ExecutionStore store = openStore(config.store(), config);
    try {
      LanguageModel model = config.model() == null ? null : new LangChain4jModel(config.model());
      ToolCatalog catalog = ToolCatalog.of(tools(config, model));
      var e = config.engine();
      EngineOptions options = EngineOptions.defaults(processName())
          .withMaxConcurrentSteps(e.maxConcurrentSteps())
          .withPollInterval(e.pollInterval())
          .withLeaseTtl(e.leaseTtl())
          .withAdoptOrphans(adoptOrphans);
      // why: with no model configured Baton still plans, offline, in Hebrew and English; with
      // one that cannot be reached, too (unless planner.fallback=none), saying so
      List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
      Planner planner = model == null ? new OfflinePlanner()
          : config.offlineFallback() ? new FallbackPlanner(new ModelPlanner(model),
              new OfflinePlanner(), config.model().name(), warnings::add)
          : new ModelPlanner(model);
      Engine engine = Engines.builder(store, catalog).options(options)
          .replanning(new Replanning(planner, Replanning.DEFAULT_MAX_REPLANS, config.zone()))
          .build();
      return new BatonApp(config, store, catalog, engine, planner, warnings);
    } catch (RuntimeException ex) {
      store.close();
      throw ex;
    }
  }

  /** This process's name in the store: host, pid, and a random part (pids are reused). */
  private static String processName() {
    var probe = LocalProcessProbe.INSTANCE;
    return probe.host() + "-" + probe.pid() + "-"
        + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffL);
  }

  private static ExecutionStore openStore(BatonConfig.StoreConfig s, BatonConfig config) {
    if (s.embedded()) {
      return JdbcExecutionStore.sqlite(config.home().resolve("baton.db"));
    }
    if (s.url().startsWith("jdbc:sqlite:")) {
      return JdbcExecutionStore.sqlite(java.nio.file.Path.of(s.url().substring(
          "jdbc:sqlite:".length())));
    }
    return JdbcExecutionStore.postgres(s.url(), s.user(), s.password(), s.schema());
  }

  static List<Tool> tools(BatonConfig config, LanguageModel model) {
    List<Tool> tools = new ArrayList<>(DemoTools.all(config.home()));
    tools.addAll(BuiltInAgents.tools(agents(config),
        model == null ? TextModel.NONE : new LanguageTextModel(model)));
    return tools;
  }

  /** The built-in agents' slice of the configuration. */
  static AgentsConfig agents(BatonConfig config) {
    AgentsConfig agents = AgentsConfig.embedded(config.workspace()).withZone(config.zone());
    // why: the data folder (database, configuration, keys) may lie inside the workspace, or be
    // the workspace itself; either way tools must not reach Baton's own files
    java.nio.file.Path home = config.home();
    List<java.nio.file.Path> reserved = new ArrayList<>(List.of(home));
    for (String name : List.of("baton.db", "baton.db-wal", "baton.db-shm", "baton.db-users",
        "baton.db-open.lock", ConfigLoader.FILE_NAME, "plugins", "keys", "seed-plan.json")) {
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

  public ExecutionStore store() {
    return store;
  }

  public ToolCatalog catalog() {
    return catalog;
  }

  public Engine engine() {
    return engine;
  }

  public Planner planner() {
    return planner;
  }

  /** Which planner plans requests, for the record: "offline" or the model's name. */
  public String plannerName() {
    return config.model() == null ? "offline" : config.model().name();
  }

  /**
   * Warnings a person should see, taken once each: for example that the model could not be
   * reached and the request was planned offline.
   */
  public List<String> takeWarnings() {
    List<String> out = List.copyOf(warnings);
    warnings.removeAll(out);
    return out;
  }

  /** Plans a request now, in the configured zone, detecting its language. */
  public PlanProposal plan(String request) {
    long start = System.nanoTime();
    PlanProposal p = planner.plan(request, catalog, new PlanContext(Instant.now(), config.zone(),
        null, List.of()));
    if (!p.cost().took().isZero()) {
      return p;
    }
    // why: the offline planner reports no cost; the time it took is still worth showing
    var cost = new dev.baton.core.planning.PlanCost(p.cost().modelCalls(), p.cost().inputTokens(),
        p.cost().outputTokens(), java.time.Duration.ofNanos(System.nanoTime() - start));
    return new PlanProposal(p.plan(), p.reasons(), cost, p.language());
  }

  /**
   * Predicts a run of {@code plan} on virtual time without any side effect (a dry run), with the
   * tools' durations and model use taken from this tenant's past runs where there are any.
   */
  public Simulation simulate(Plan plan, SimulationOptions.Mode mode, ExecutionOptions options) {
    RunHistory history = RunHistory.of(store, config.tenant());
    return Simulator.simulate(plan, catalog, SimulationOptions.of(mode, Instant.now())
        .withHistory(history::median).withModelUse(history::modelUse).withExecution(options));
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
      engine.close();
    } finally {
      store.close();
    }
  }
}
