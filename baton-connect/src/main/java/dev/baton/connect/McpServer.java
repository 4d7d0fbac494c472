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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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
  /** The longest a call may wait for a person to answer its server's question. */
  static final Duration ELICITATION_LIMIT = Duration.ofDays(7);

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
          // why: elicitation (forms only) goes to the person through Baton's own human steps;
          // no sampling: a server may not spend Baton's model budget
          .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
          .elicitation(this::elicit)
          // why: a call may wait for a person; call() keeps its own clock, which stops meanwhile
          .requestTimeout(ELICITATION_LIMIT)
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

  /**
   * A server asks the person something mid-call: the question goes to the call it belongs to
   * (the one whose progress token it names, else the only call in flight) as a human step of that
   * call's execution, and waits there. Never answered for the person: no answer is a decline, an
   * interrupted wait a cancel, and a question no call can own is declined.
   */
  private Mono<McpSchema.ElicitResult> elicit(McpSchema.ElicitFormRequest request) {
    CallInFlight call = owner(request.meta());
    if (call == null) {
      return Mono.just(new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null));
    }
    CompletableFuture<McpSchema.ElicitResult> result = new CompletableFuture<>();
    Thread.ofVirtual().name("mcp-" + name() + "-elicitation").start(() -> {
      call.asking.incrementAndGet();
      try {
        ObjectNode schema = request.requestedSchema() == null ? null
            : dev.baton.core.json.Json.mapper().valueToTree(request.requestedSchema());
        Optional<JsonNode> answer = call.context().ask(request.message(), schema);
        result.complete(answer.<McpSchema.ElicitResult>map(a -> new McpSchema.ElicitResult(
                McpSchema.ElicitResult.Action.ACCEPT, dev.baton.core.json.Json.mapper()
                    .convertValue(a, MAP)))
            .orElseGet(() -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE,
                null)));
      } catch (InterruptedException e) {
        result.complete(new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.CANCEL, null));
      } catch (RuntimeException e) {
        call.context().log().warn("MCP server " + name() + " asked a question Baton cannot put"
            + " to a person (" + message(e) + "); declined");
        result.complete(new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null));
      } finally {
        call.deadline = Instant.now().plus(config.timeout());
        call.asking.decrementAndGet();
      }
    });
    return Mono.fromFuture(result);
  }

  private static final tools.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new tools.jackson.core.type.TypeReference<>() {};

  /** The call an elicitation belongs to, or null when no call or more than one could own it. */
  private CallInFlight owner(Map<String, Object> meta) {
    Object token = meta == null ? null : meta.get("progressToken");
    if (token != null && inFlight.containsKey(token)) {
      return inFlight.get(token);
    }
    var calls = List.copyOf(inFlight.values());
    return calls.size() == 1 ? calls.getFirst() : null;
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
    CallInFlight call = new CallInFlight(context, new CompletableFuture<>(),
        Instant.now().plus(config.timeout()));
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
      return awaitOutcome(call);
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

  /**
   * The call's result, waiting at most the configured timeout, not counting time a person spends
   * on the server's question: the clock starts again when the answer goes back.
   */
  private static McpSchema.CallToolResult awaitOutcome(CallInFlight call)
      throws InterruptedException, ExecutionException, TimeoutException {
    while (true) {
      long left = Duration.between(Instant.now(), call.deadline).toMillis();
      try {
        return call.outcome().get(Math.max(left, 1) + (call.asking.get() > 0 ? 60_000 : 0),
            TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (call.asking.get() == 0 && !call.deadline.isAfter(Instant.now())) {
          throw e;
        }
      }
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

  /** A call waiting for its result; while its server's question waits for a person, so does it. */
  private static final class CallInFlight {
    private final ToolContext context;
    private final CompletableFuture<McpSchema.CallToolResult> outcome;
    final java.util.concurrent.atomic.AtomicInteger asking =
        new java.util.concurrent.atomic.AtomicInteger();
    volatile Instant deadline;

    CallInFlight(ToolContext context, CompletableFuture<McpSchema.CallToolResult> outcome,
        Instant deadline) {
      this.context = context;
      this.outcome = outcome;
      this.deadline = deadline;
    }

    ToolContext context() {
      return context;
    }

    CompletableFuture<McpSchema.CallToolResult> outcome() {
      return outcome;
    }
  }
}
