package dev.baton.connect;

import dev.baton.core.error.BatonException;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * One MCP server: its connection (started when first needed), the tools it offers now (updated
 * when it announces a changed list), and calls to them. A server that dies (its process exits, its
 * connection fails) is restarted in the background after a backoff that doubles from one second
 * to a minute; a call meanwhile fails as retryable, with the time of the next try as its hint.
 * Thread-safe.
 */
final class McpServer implements AutoCloseable {
  /** How a server is doing, as {@code baton tools} shows it. */
  enum Health { NOT_STARTED, UP, DOWN }

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final ConnectionsConfig.Server config;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Object, CallInFlight> inFlight = new ConcurrentHashMap<>();
  private final List<Consumer<McpServer>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile McpAsyncClient client;
  private volatile CancellingTransport transport;
  private volatile Map<String, McpSchema.Tool> tools = Map.of();
  private volatile Health health = Health.NOT_STARTED;
  private volatile String problem = "";
  private volatile Instant nextStart = Instant.EPOCH;
  private volatile boolean closed;
  private Duration backoff = FIRST_BACKOFF;
  /** Which start of the server a client belongs to; a late signal from an older one is ignored. */
  private volatile int generation;
  private final java.util.concurrent.atomic.AtomicInteger restarts =
      new java.util.concurrent.atomic.AtomicInteger();

  McpServer(ConnectionsConfig.Server config) {
    this.config = config;
  }

  String name() {
    return config.name();
  }

  ConnectionsConfig.Server config() {
    return config;
  }

  Health health() {
    return health;
  }

  /** Why the server is down (or empty). */
  String problem() {
    return problem;
  }

  /** How many times it was started again after dying. */
  int restarts() {
    return restarts.get();
  }

  /** The tools the server offers now, by their names on the server. */
  Map<String, McpSchema.Tool> tools() {
    return tools;
  }

  /** Called (on some thread) whenever the server's list of tools or its health changes. */
  void onChange(Consumer<McpServer> listener) {
    listeners.add(listener);
  }

  /**
   * Starts the server if it is not up and its backoff has passed, and lists its tools. Failures
   * leave it down (see {@link #problem()}), with a restart scheduled; never throws.
   */
  void start() {
    lock.lock();
    try {
      if (closed || health == Health.UP || Instant.now().isBefore(nextStart)) {
        return;
      }
      int mine = ++generation;
      CancellingTransport t = new CancellingTransport(transport());
      McpAsyncClient c = McpClient.async(t)
          .clientInfo(new McpSchema.Implementation("baton", "0.1.0"))
          // why: no elicitation or sampling capability: a server may not ask Baton's person
          // anything mid-call until that can go through Baton's own human steps
          .capabilities(McpSchema.ClientCapabilities.builder().build())
          .requestTimeout(config.timeout())
          .initializationTimeout(START_TIMEOUT)
          .toolsChangeConsumer(list -> Mono.fromRunnable(() -> replaceTools(mine, list)))
          .progressConsumer(p -> Mono.fromRunnable(() -> progress(p)))
          .build();
      try {
        CompletableFuture<McpSchema.InitializeResult> init = c.initialize().toFuture();
        if (t.delegate() instanceof IsolatedStdioTransport stdio) {
          // why: one watcher of the process: an exit while starting fails the start at once
          // (not after the start timeout), an exit later is a death
          Thread.ofVirtual().name("mcp-" + name() + "-exit").start(() -> {
            if (stdio.awaitExit(START_TIMEOUT)) {
              String said = stdio.lastWords();
              init.completeExceptionally(new IllegalStateException("its process exited"
                  + (said.isBlank() ? "" : " (" + said.strip() + ")")));
              died(mine, "its process exited");
            }
          });
        }
        init.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, McpSchema.Tool> listed = listAll(c);
        client = c;
        transport = t;
        tools = listed;
        health = Health.UP;
        problem = "";
        backoff = FIRST_BACKOFF;
      } catch (ExecutionException e) {
        closeQuietly(c);
        failedToStart(mine, message(e.getCause()));
      } catch (TimeoutException e) {
        closeQuietly(c);
        failedToStart(mine, "no answer to initialize within " + START_TIMEOUT.toSeconds() + " s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closeQuietly(c);
        failedToStart(mine, "interrupted while starting");
      } catch (RuntimeException e) {
        closeQuietly(c);
        failedToStart(mine, message(e));
      }
    } finally {
      lock.unlock();
    }
    listeners.forEach(l -> l.accept(this));
  }

  private McpClientTransport transport() {
    var json = McpJsonDefaults.getMapper();
    return switch (config.transport()) {
      case ConnectionsConfig.Stdio s -> new IsolatedStdioTransport(ServerParameters
          .builder(s.command()).args(s.args()).env(environment(s)).build(), json);
      case ConnectionsConfig.Http h -> {
        URI uri = URI.create(h.url());
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/mcp"
            : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        yield HttpClientStreamableHttpTransport.builder(base).endpoint(path).jsonMapper(json)
            .connectTimeout(Duration.ofSeconds(10))
            .httpRequestCustomizer((builder, method, u, body, context) ->
                h.headers().forEach(builder::setHeader))
            .build();
      }
    };
  }

  /** Variables every process needs to start at all. */
  static final List<String> PASSED_THROUGH = List.of("PATH", "HOME", "LANG", "TMPDIR");

  /**
   * The environment of a stdio server: {@link #PASSED_THROUGH} from Baton's, then what the
   * configuration names (which wins); the SDK adds {@code HOME}, {@code LOGNAME}, {@code PATH},
   * {@code SHELL}, {@code TERM} and {@code USER}. Nothing else of Baton's environment.
   */
  static Map<String, String> environment(ConnectionsConfig.Stdio s) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : PASSED_THROUGH) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(s.env());
    return env;
  }

  private static Map<String, McpSchema.Tool> listAll(McpAsyncClient c) {
    Map<String, McpSchema.Tool> out = new LinkedHashMap<>();
    String cursor = null;
    do {
      McpSchema.ListToolsResult page = c.listTools(cursor).block(START_TIMEOUT);
      if (page == null) {
        break;
      }
      page.tools().forEach(t -> out.put(t.name(), t));
      cursor = page.nextCursor();
    } while (cursor != null && !cursor.isEmpty());
    return out;
  }

  private void replaceTools(int gen, List<McpSchema.Tool> list) {
    if (gen != generation) {
      return;
    }
    Map<String, McpSchema.Tool> fresh = new LinkedHashMap<>();
    list.forEach(t -> fresh.put(t.name(), t));
    tools = fresh;
    listeners.forEach(l -> l.accept(this));
  }

  private void progress(McpSchema.ProgressNotification p) {
    CallInFlight call = inFlight.get(p.progressToken());
    if (call == null) {
      return;
    }
    String amount = p.total() == null ? format(p.progress())
        : format(p.progress()) + "/" + format(p.total());
    call.context().log().info("progress " + amount
        + (p.message() == null || p.message().isBlank() ? "" : ": "
            + dev.baton.core.text.Visible.line(dev.baton.core.text.Visible.shorten(p.message(),
                200))));
  }

  private static String format(Double d) {
    return d == null ? "?" : d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
  }

  /**
   * Calls tool {@code remote} and waits for its result. An interrupt (the step cancelled or timed
   * out) cancels the request on the server and lets the {@link InterruptedException} through.
   *
   * @throws BatonException TOOL_UNAVAILABLE (retryable) when the server is down or dies during
   *     the call; TOOL_FAILED when it answers with a protocol error
   */
  McpSchema.CallToolResult call(String remote, Map<String, Object> arguments,
      ToolContext context) throws InterruptedException {
    start();
    McpAsyncClient c = client;
    CancellingTransport t = transport;
    if (health != Health.UP || c == null) {
      Duration wait = Duration.between(Instant.now(), nextStart);
      throw ToolFailure.retryAfter("MCP server " + name() + " is down (" + problem
          + "); it is being restarted", wait.isNegative() ? Duration.ZERO : wait);
    }
    String token = UUID.randomUUID().toString();
    CallInFlight call = new CallInFlight(context, new CompletableFuture<>());
    inFlight.put(token, call);
    var request = McpSchema.CallToolRequest.builder().name(remote).arguments(arguments)
        .progressToken(token).build();
    CompletableFuture<McpSchema.CallToolResult> sent = c.callTool(request).toFuture();
    sent.whenComplete((result, failure) -> {
      if (failure != null) {
        call.outcome().completeExceptionally(failure);
      } else {
        call.outcome().complete(result);
      }
    });
    try {
      return call.outcome().get(config.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      t.cancel(token, "the step was cancelled");
      sent.cancel(true);
      throw e;
    } catch (TimeoutException e) {
      t.cancel(token, "no answer within " + config.timeout());
      sent.cancel(true);
      throw ToolFailure.retryable("MCP server " + name() + " did not answer " + remote
          + " within " + config.timeout());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BatonException b) {
        throw b;
      }
      if (cause instanceof McpError mcp && mcp.getJsonRpcError() != null) {
        throw ToolFailure.permanent("MCP server " + name() + " refused " + remote + ": "
            + mcp.getJsonRpcError().message(), cause);
      }
      // why: anything else is the connection (a reset, a refused connection, a closed stream):
      // the server may be gone, so look again before the retry
      died(generationOf(c), message(cause));
      throw ToolFailure.retryable("MCP server " + name() + " failed during " + remote + ": "
          + message(cause), cause);
    } finally {
      inFlight.remove(token);
      t.ended(token);
    }
  }

  private int generationOf(McpAsyncClient c) {
    return c == client ? generation : -1;
  }

  /** The server of generation {@code gen} died: fail its calls, and restart it after a backoff. */
  private void died(int gen, String why) {
    lock.lock();
    try {
      if (gen != generation || health != Health.UP || closed) {
        return;
      }
      health = Health.DOWN;
      problem = why;
      McpAsyncClient c = client;
      client = null;
      closeQuietly(c);
      for (CallInFlight call : inFlight.values()) {
        call.outcome().completeExceptionally(ToolFailure.retryable("MCP server " + name()
            + " died during the call: " + why));
      }
      scheduleRestart();
    } finally {
      lock.unlock();
    }
    listeners.forEach(l -> l.accept(this));
  }

  private void failedToStart(int gen, String why) {
    health = Health.DOWN;
    problem = why;
    scheduleRestart();
  }

  private void scheduleRestart() {
    Duration wait = backoff;
    nextStart = Instant.now().plus(wait);
    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
        : backoff.multipliedBy(2);
    Thread.ofVirtual().name("mcp-" + name() + "-restart").start(() -> {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        return;
      }
      if (!closed && health != Health.UP) {
        restarts.incrementAndGet();
        start();
      }
    });
  }

  private static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return dev.baton.core.text.Redactor.clean(m);
  }

  private static void closeQuietly(McpAsyncClient c) {
    if (c == null) {
      return;
    }
    try {
      c.closeGracefully().block(Duration.ofSeconds(2));
    } catch (RuntimeException e) {
      c.close();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      McpAsyncClient c = client;
      client = null;
      health = Health.DOWN;
      problem = "closed";
      closeQuietly(c);
    } finally {
      lock.unlock();
    }
  }

  private record CallInFlight(ToolContext context,
      CompletableFuture<McpSchema.CallToolResult> outcome) {}
}
