package dev.baton.connect;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.json.Json;
import dev.baton.core.port.ToolAllowances;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolDescriptor;
import dev.baton.core.tool.ToolOrigin;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything connected to Baton beyond its built-in tools: the MCP servers of
 * {@code connections.yaml} and the tool plugins. Nothing starts until {@link #catalog} or
 * {@link #entries} is first asked for (a command that needs no catalogue starts no server);
 * then every server starts at once and each is waited for at most {@link McpServer#START_TIMEOUT}.
 *
 * <p>Rules: built-in tools win every name (a plugin's or server's tool with a taken name is
 * refused, and says so); an MCP tool is usable once a person allowed it ({@link #allow}) with the
 * digest it has now, or when its server's read-only tools are allowed by the configuration; a tool
 * not marked read-only by its server (or the configuration) is a side effect, so every call waits
 * for a person's approval. Thread-safe.
 */
public final class Connections implements AutoCloseable {
  private final ConnectionsConfig config;
  private final List<McpServer> servers;
  private final List<Path> pluginJars;
  private final Supplier<ToolAllowances> allowancesSource;
  private final java.util.concurrent.locks.ReentrantLock lock =
      new java.util.concurrent.locks.ReentrantLock();
  private volatile ToolAllowances allowances;
  private volatile List<Plugins.Loaded> plugins;
  private volatile boolean started;

  private Connections(ConnectionsConfig config, List<Path> pluginJars,
      Supplier<ToolAllowances> allowances) {
    this.config = config;
    // why: with no servers, the MCP client's classes are never loaded (start-up of every command)
    this.servers = config.servers().isEmpty() ? List.of()
        : config.servers().stream().map(McpServer::new).toList();
    this.pluginJars = pluginJars;
    this.allowancesSource = allowances;
  }

  /**
   * Connections as configured in {@code home} ({@code connections.yaml}, {@code plugins/}).
   *
   * @param allowances where allowances are kept (the store), opened only when a server has tools
   */
  public static Connections open(Path home, Map<String, String> environment,
      Supplier<ToolAllowances> allowances) {
    ConnectionsConfig config = ConnectionsConfig.read(home, environment);
    return new Connections(config, Plugins.jars(home.resolve("plugins"), config.plugins()),
        allowances);
  }

  /** Connections to exactly these servers and plugin jars (tests, embedding). */
  public static Connections of(ConnectionsConfig config, Supplier<ToolAllowances> allowances) {
    return new Connections(config, config.plugins(), allowances);
  }

  private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Calls {@code listener} (on some thread) whenever what {@link #catalog} gives may have
   * changed after the start: a server's tools or health changed, or a tool was allowed or
   * revoked here. A listener must not block: it may be called while a server's lock is held.
   */
  public void onChange(Runnable listener) {
    if (listeners.isEmpty()) {
      servers.forEach(s -> s.onChange(changed -> changed()));
    }
    listeners.add(listener);
  }

  private void changed() {
    if (!started) {
      // why: what a server does while starting is in the first catalogue; hearing it then
      // would also call back into a start that is still under way
      return;
    }
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        // why: one listener's failure must not keep the others from hearing
        org.slf4j.LoggerFactory.getLogger(Connections.class).warn(
            "a catalogue listener failed: {}", e.toString());
      }
    }
  }

  /** Whether anything is configured at all (else the catalogue is the built-in tools alone). */
  public boolean isEmpty() {
    return servers.isEmpty() && pluginJars.isEmpty();
  }

  /** Loads the plugins and starts every server, once; later calls return at once. */
  public void start() {
    if (started) {
      return;
    }
    lock.lock();
    try {
      if (started) {
        return;
      }
      plugins = Plugins.load(pluginJars);
      try (var starting = Executors.newVirtualThreadPerTaskExecutor()) {
        servers.forEach(s -> starting.submit(s::start));
      }
      started = true;
    } finally {
      lock.unlock();
    }
  }

  private ToolAllowances allowances() {
    ToolAllowances a = allowances;
    if (a == null) {
      a = allowancesSource.get();
      allowances = a;
    }
    return a;
  }

  /**
   * The tools plans may use beside {@code builtIns}: the plugins' tools and the allowed MCP
   * tools, every name distinct from the built-in ones.
   */
  public List<Tool> catalog(Collection<? extends Tool> builtIns) {
    Set<Tool> given = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    given.addAll(builtIns);
    return entries(builtIns).stream()
        .filter(e -> e.usable() && !given.contains(e.tool().orElseThrow()))
        .map(e -> e.tool().orElseThrow()).toList();
  }

  /** Every tool, built-in or not, usable or not, as {@code baton tools} lists them. */
  public List<CatalogEntry> entries(Collection<? extends Tool> builtIns) {
    start();
    List<CatalogEntry> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (Tool t : builtIns) {
      taken.add(t.descriptor().name());
      out.add(new CatalogEntry(t.descriptor().name(), t.origin(), t.descriptor().sideEffect(),
          CatalogEntry.OK, true, "", Optional.of(t)));
    }
    for (Plugins.Loaded p : plugins) {
      ToolOrigin origin = ToolOrigin.plugin(p.jar().getFileName().toString());
      if (p.failed()) {
        out.add(new CatalogEntry(origin.source() + ":*", origin, false, "failed to load: "
            + p.problem(), false, "", Optional.empty()));
        continue;
      }
      for (Tool t : p.tools()) {
        String name = t.descriptor().name();
        if (!taken.add(name)) {
          out.add(new CatalogEntry(name, origin, t.descriptor().sideEffect(), "refused: another"
              + " tool (built-in or an earlier plugin) is named " + name, false, "",
              Optional.empty()));
        } else {
          out.add(new CatalogEntry(name, origin, t.descriptor().sideEffect(), CatalogEntry.OK,
              true, "", Optional.of(t)));
        }
      }
    }
    for (McpServer s : servers) {
      out.addAll(entries(s, taken));
    }
    return out;
  }

  private List<CatalogEntry> entries(McpServer server, Set<String> taken) {
    ToolOrigin origin = ToolOrigin.mcp(server.name());
    Map<String, McpSchema.Tool> tools = server.tools();
    List<CatalogEntry> out = new ArrayList<>();
    String health = server.health() == McpServer.Health.UP ? CatalogEntry.OK
        : "server down: " + server.problem();
    if (tools.isEmpty()) {
      out.add(new CatalogEntry(server.name() + ".*", origin, false, health, false,
          "no tools listed", Optional.empty()));
      return out;
    }
    Map<String, ToolAllowances.Allowance> allowed = allowances().all();
    for (McpSchema.Tool remote : tools.values()) {
      String name = ToolNames.of(server.name(), remote.name());
      var override = server.config().tools().get(remote.name());
      boolean sideEffect = override != null && override.sideEffect() != null
          ? override.sideEffect()
          : remote.annotations() == null || !Boolean.TRUE.equals(remote.annotations()
              .readOnlyHint());
      if (!taken.add(name)) {
        out.add(new CatalogEntry(name, origin, sideEffect, "refused: another tool (built-in, a"
            + " plugin's, or another of this server's) is named " + name, false, "",
            Optional.empty()));
        continue;
      }
      JsonNode input = Json.tree(remote.inputSchema());
      JsonNode output = remote.outputSchema() == null ? null : Json.tree(remote.outputSchema());
      Optional<String> bad = SchemaCheck.problem(input, true)
          .or(() -> output == null ? Optional.empty()
              : SchemaCheck.problem(output, false).map(p -> "output: " + p));
      if (bad.isPresent()) {
        out.add(new CatalogEntry(name, origin, sideEffect, "invalid schema: " + bad.get(), false,
            "", Optional.empty()));
        continue;
      }
      String digest = ToolDigest.of(remote);
      ToolAllowances.Allowance a = allowed.get(name);
      boolean byConfig = server.config().allowReadOnly() && !sideEffect;
      boolean ok;
      String note;
      if (a != null && a.digest().equals(digest)) {
        ok = true;
        note = "allowed by " + a.by();
      } else if (byConfig) {
        ok = true;
        note = "allowed: read-only tools of " + server.name();
      } else if (a != null) {
        ok = false;
        note = "changed since allowed: baton tools allow " + name;
      } else {
        ok = false;
        note = "new: baton tools allow " + name;
      }
      ToolDescriptor d = new ToolDescriptor(name, description(remote), (ObjectNode) input,
          McpTool.outputSchema((ObjectNode) output),
          McpTool.options(sideEffect, server.config().timeout()));
      McpTool tool = new McpTool(server, remote.name(), d, digest,
          current -> stillAllowed(server, name, current));
      out.add(new CatalogEntry(name, origin, sideEffect, health, ok, note, Optional.of(tool)));
    }
    return out;
  }

  /** Whether a tool whose digest is {@code current} now may still be called. */
  private boolean stillAllowed(McpServer server, String name, McpSchema.Tool current) {
    String digest = ToolDigest.of(current);
    Optional<ToolAllowances.Allowance> a = allowances().find(name);
    if (a.isPresent() && a.get().digest().equals(digest)) {
      return true;
    }
    var override = server.config().tools().get(current.name());
    boolean sideEffect = override != null && override.sideEffect() != null
        ? override.sideEffect()
        : current.annotations() == null || !Boolean.TRUE.equals(current.annotations()
            .readOnlyHint());
    return server.config().allowReadOnly() && !sideEffect;
  }

  private static String description(McpSchema.Tool remote) {
    String text = remote.description() != null ? remote.description()
        : remote.title() != null ? remote.title() : remote.name();
    return dev.baton.core.text.Visible.shorten(text.strip(), 2_000);
  }

  /**
   * Allows an MCP tool as its server describes it now (its digest is pinned).
   *
   * @throws BatonException TOOL_NOT_FOUND when no server lists a tool of that name;
   *     CONFIG_INVALID when it cannot be used at all (invalid schema, name taken)
   */
  public CatalogEntry allow(String name, String by, Collection<? extends Tool> builtIns) {
    CatalogEntry entry = find(name, builtIns);
    if (entry.origin().kind() != ToolOrigin.Kind.MCP) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, name + " is " + entry.origin()
          + ": it needs no allowing");
    }
    if (entry.tool().isEmpty() || !(entry.tool().get() instanceof McpTool tool)) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, name + " cannot be allowed: "
          + entry.health());
    }
    allowances().allow(new ToolAllowances.Allowance(name, tool.digest(), by, Instant.now()));
    changed();
    return find(name, builtIns);
  }

  /** Takes back the allowance of {@code name}; false if it had none. */
  public boolean revoke(String name) {
    boolean had = allowances().revoke(name);
    if (had) {
      changed();
    }
    return had;
  }

  private CatalogEntry find(String name, Collection<? extends Tool> builtIns) {
    return entries(builtIns).stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow(() -> BatonException.of(ErrorCode.TOOL_NOT_FOUND, "no tool named '" + name
            + "' (see baton tools)"));
  }

  /** The servers' names and health, for tests and diagnostics. */
  Map<String, McpServer> servers() {
    Map<String, McpServer> out = new java.util.LinkedHashMap<>();
    servers.forEach(s -> out.put(s.name(), s));
    return out;
  }

  @Override
  public void close() {
    servers.forEach(McpServer::close);
  }
}
