package dev.baton.connect;

import dev.baton.core.engine.Engine;
import dev.baton.core.engine.Submission;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.Question;
import dev.baton.core.exec.StepState;
import dev.baton.core.json.Json;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.text.Visible;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Baton as an MCP server: tools to plan a request, run it, follow an execution, and list and
 * answer what waits for a person (approvals, clarifying questions). The tools that decide for a
 * person ({@code approve}, {@code reject}, {@code answer}) are marked destructive, not read-only,
 * so an MCP host asks its person before calling them; each decision is recorded as made by
 * {@code mcp:<client name>} (and the caller's name, such as an API key's, when there is one).
 * Running a plan never skips Baton's approval gate. Every tool acts in the {@link Caller}'s
 * tenant: an execution, approval or question of another tenant is answered as not found.
 */
public final class BatonMcpServer implements AutoCloseable {
  private final Function<String, PlanProposal> planner;
  private final Supplier<Engine> engine;
  private final Supplier<ExecutionStore> store;
  private final Function<McpTransportContext, Caller> callers;
  private final McpSyncServer server;

  /**
   * Who calls a tool, as the transport knows it: the tenant the tools act in, a name for the
   * record (empty over stdio, where the person runs the process), and what it may do.
   *
   * @param mayRun may start executions ({@code baton_run})
   * @param mayDecide may approve, reject and answer ({@code baton_approve}, {@code baton_reject},
   *     {@code baton_answer})
   */
  public record Caller(String tenant, String name, boolean mayRun, boolean mayDecide) {
    public Caller {
      Objects.requireNonNull(tenant, "tenant");
      name = name == null ? "" : name;
    }

    /** The person who started this process: every tool, in {@code tenant}. */
    public static Caller local(String tenant) {
      return new Caller(tenant, "", true, true);
    }
  }

  /**
   * @param planner plans a request (the configured planner, with the catalogue)
   * @param engine the engine that runs executions in this process (made on first use)
   * @param store where pending approvals and questions are listed
   */
  public BatonMcpServer(McpServerTransportProvider transport, Function<String, PlanProposal> planner,
      Supplier<Engine> engine, Supplier<ExecutionStore> store, String tenant, String version) {
    this(McpServer.sync(transport), planner, engine, store, c -> Caller.local(tenant), version);
  }

  /**
   * Over a Streamable HTTP transport (one session per client), each call made by the caller that
   * {@code callers} finds in the request's transport context (the transport's context extractor
   * puts it there).
   */
  public BatonMcpServer(McpStreamableServerTransportProvider transport,
      Function<String, PlanProposal> planner, Supplier<Engine> engine,
      Supplier<ExecutionStore> store, Function<McpTransportContext, Caller> callers,
      String version) {
    this(McpServer.sync(transport), planner, engine, store, callers, version);
  }

  private BatonMcpServer(McpServer.SyncSpecification<?> spec,
      Function<String, PlanProposal> planner, Supplier<Engine> engine,
      Supplier<ExecutionStore> store, Function<McpTransportContext, Caller> callers,
      String version) {
    this.planner = planner;
    this.engine = engine;
    this.store = store;
    this.callers = callers;
    this.server = spec.serverInfo("baton", version)
        .instructions("Baton plans requests into tool calls and runs them; steps that change the"
            + " world wait for a person's approval. Plan, run, then follow with status.")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(tools()).build();
  }

  /** Over this process's standard input and output. */
  public static BatonMcpServer stdio(InputStream in, OutputStream out,
      Function<String, PlanProposal> planner, Supplier<Engine> engine,
      Supplier<ExecutionStore> store, String tenant, String version) {
    return new BatonMcpServer(new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in,
        out), planner, engine, store, tenant, version);
  }

  private static final Map<String, Object> REQUEST = Map.of("type", "object", "properties",
      Map.of("request", Map.of("type", "string", "minLength", 1,
          "description", "what to do, in Hebrew or English")),
      "required", List.of("request"));
  private static final Map<String, Object> RUN = Map.of("type", "object", "properties",
      Map.of("request", Map.of("type", "string", "description", "what to do, planned now"),
          "plan", Map.of("type", "object", "description", "a plan as baton_plan returns it")));
  private static final Map<String, Object> EXECUTION = Map.of("type", "object", "properties",
      Map.of("execution", Map.of("type", "string")), "required", List.of("execution"));
  private static final Map<String, Object> NOTHING = Map.of("type", "object", "properties",
      Map.of());
  private static final Map<String, Object> DECISION = Map.of("type", "object", "properties",
      Map.of("approval", Map.of("type", "string", "description", "the id from baton_pending"),
          "comment", Map.of("type", "string")), "required", List.of("approval"));
  private static final Map<String, Object> ANSWER = Map.of("type", "object", "properties",
      Map.of("question", Map.of("type", "string", "description", "the id from baton_pending"),
          "answer", Map.of("description", "the answer, fitting the question's answer schema")),
      "required", List.of("question", "answer"));

  private static McpSchema.ToolAnnotations readOnly() {
    return new McpSchema.ToolAnnotations(null, true, false, true, false, null);
  }

  private static McpSchema.ToolAnnotations decides() {
    return new McpSchema.ToolAnnotations(null, false, true, false, false, null);
  }

  private List<SyncToolSpecification> tools() {
    return List.of(
        tool("baton_plan", "Plans a request into steps (tool calls) and says why each; runs"
            + " nothing", REQUEST, readOnly(), (x, c, a) -> plan(a)),
        tool("baton_run", "Runs a request (planned now) or a plan from baton_plan; returns the"
            + " execution id at once. Steps that change the world wait for a person's approval",
            RUN, new McpSchema.ToolAnnotations(null, false, false, false, true, null),
            (x, c, a) -> run(c, a)),
        tool("baton_status", "An execution's status, each step's status and output, and what"
            + " waits for a person", EXECUTION, readOnly(), (x, c, a) -> status(c, a)),
        tool("baton_pending", "Every approval and clarifying question waiting for a person, with"
            + " the full arguments each approval would run with", NOTHING, readOnly(),
            (x, c, a) -> pending(c)),
        tool("baton_approve", "Approves a step: it will run with the arguments shown. Only on a"
            + " person's word", DECISION, decides(), (x, c, a) -> decide(x, c, a, true)),
        tool("baton_reject", "Rejects a step: it and its dependents are skipped", DECISION,
            decides(), (x, c, a) -> decide(x, c, a, false)),
        tool("baton_answer", "Answers a clarifying question with the person's answer", ANSWER,
            decides(), (x, c, a) -> answer(x, c, a)));
  }

  private interface Handler {
    JsonNode handle(McpSyncServerExchange exchange, Caller caller, JsonNode arguments);
  }

  private SyncToolSpecification tool(String name, String description,
      Map<String, Object> input, McpSchema.ToolAnnotations annotations, Handler handler) {
    return SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder().name(name).description(description).inputSchema(input)
            .annotations(annotations).build())
        .callHandler((exchange, request) -> {
          try {
            Caller caller = callers.apply(exchange.transportContext());
            if (caller == null) {
              throw BatonException.of(ErrorCode.AUTH_REQUIRED,
                  "no caller for this request");
            }
            JsonNode out = handler.handle(exchange, caller, Json.tree(request.arguments() == null
                ? Map.of() : request.arguments()));
            return McpSchema.CallToolResult.builder().addTextContent(Json.write(out))
                .structuredContent(Json.convert(out, Map.class)).isError(false).build();
          } catch (BatonException e) {
            return McpSchema.CallToolResult.builder().addTextContent(e.code() + ": "
                + dev.baton.core.text.Redactor.clean(e.getMessage())).isError(true).build();
          }
        }).build();
  }

  private JsonNode plan(JsonNode a) {
    PlanProposal p = planner.apply(a.path("request").asString());
    ObjectNode out = Json.object();
    out.set("plan", PlanCodec.toJson(p.plan()));
    ObjectNode reasons = out.putObject("reasons");
    p.reasons().forEach((step, why) -> reasons.put(step.value(), why));
    out.put("language", p.language());
    return out;
  }

  private JsonNode run(Caller c, JsonNode a) {
    if (!c.mayRun()) {
      throw forbidden("baton_run");
    }
    String request = a.path("request").asString("");
    PlanProposal proposed = null;
    var plan = a.has("plan") ? PlanCodec.read(a.get("plan")) : null;
    if (plan == null) {
      if (request.isBlank()) {
        throw BatonException.of(ErrorCode.PLAN_MALFORMED,
            "give a request or a plan");
      }
      proposed = planner.apply(request);
      plan = proposed.plan();
    }
    ExecutionId id = engine.get().submit(new Submission(null, plan, request, c.tenant(), null,
        proposed == null ? null : new Submission.PlannedBy("mcp", proposed.cost()))).id();
    return Json.object().put("execution", id.value())
        .put("follow", "call baton_status with this execution id");
  }

  private JsonNode status(Caller c, JsonNode a) {
    ExecutionState s = engine.get().state(owned(c, a.path("execution").asString()));
    ObjectNode out = Json.object();
    out.put("execution", s.id().value());
    out.put("status", s.status().name());
    out.put("request", s.request());
    ObjectNode steps = out.putObject("steps");
    for (var e : s.steps().entrySet()) {
      StepState st = e.getValue();
      ObjectNode step = steps.putObject(e.getKey().value());
      s.plan().step(e.getKey()).ifPresent(p -> step.put("tool", p.tool()));
      step.put("status", st.status().name());
      if (st.output() != null) {
        step.set("output", st.output());
      }
      if (st.error() != null) {
        step.put("error", st.error().code() + ": " + st.error().message());
      }
    }
    ArrayNode approvals = out.putArray("pendingApprovals");
    s.pendingApprovals().forEach(ap -> approvals.add(approval(ap)));
    ArrayNode questions = out.putArray("pendingQuestions");
    s.pendingQuestions().forEach(q -> questions.add(question(q)));
    return out;
  }

  private JsonNode pending(Caller c) {
    ObjectNode out = Json.object();
    ArrayNode approvals = out.putArray("approvals");
    store.get().pendingApprovals(c.tenant(), 0, 100).forEach(ap -> approvals.add(approval(ap)));
    ArrayNode questions = out.putArray("questions");
    store.get().pendingQuestions(c.tenant(), 0, 100).forEach(q -> questions.add(question(q)));
    return out;
  }

  private static ObjectNode approval(Approval ap) {
    ObjectNode o = Json.object();
    o.put("approval", ap.id().value());
    o.put("execution", ap.execution().value());
    o.put("step", ap.step().value());
    o.put("tool", ap.tool());
    o.set("arguments", ap.effectiveArguments());
    if (ap.preview() != null) {
      o.put("preview", ap.preview());
    }
    return o;
  }

  private static ObjectNode question(Question q) {
    ObjectNode o = Json.object();
    o.put("question", q.id().value());
    o.put("execution", q.execution().value());
    o.put("step", q.step().value());
    o.put("tool", q.tool());
    o.set("input", q.input());
    if (q.answerSchema() != null) {
      o.set("answerSchema", q.answerSchema());
    }
    return o;
  }

  private static String who(McpSyncServerExchange x, Caller c) {
    var client = x.getClientInfo();
    return "mcp:" + (client == null ? "client" : client.name())
        + (c.name().isEmpty() ? "" : " (" + c.name() + ")");
  }

  private static BatonException forbidden(String tool) {
    return BatonException.of(ErrorCode.AUTH_FORBIDDEN, "this caller may not"
        + " use " + tool + (tool.equals("baton_run") ? "; it needs the operator role"
        : "; it needs the approver role"));
  }

  /** The execution if it belongs to the caller's tenant; else not found, as if it did not exist. */
  private ExecutionId owned(Caller c, String value) {
    ExecutionId id;
    try {
      id = ExecutionId.of(value);
    } catch (RuntimeException e) {
      throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND,
          "no execution with id '" + Visible.shorten(value, 80) + "'");
    }
    if (!store.get().summary(id).map(s -> c.tenant().equals(s.tenant())).orElse(false)) {
      throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND,
          "no execution with id '" + id.value() + "'");
    }
    return id;
  }

  /** The approval (or question) if its execution belongs to the caller's tenant. */
  private ApprovalId ownedApproval(Caller c, String value) {
    ApprovalId id;
    try {
      id = ApprovalId.of(value);
    } catch (RuntimeException e) {
      id = null;
    }
    if (id == null || !store.get().summary(id.execution())
        .map(s -> c.tenant().equals(s.tenant())).orElse(false)) {
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "no approval or"
          + " question '" + Visible.shorten(value, 80) + "'");
    }
    return id;
  }

  private JsonNode decide(McpSyncServerExchange x, Caller c, JsonNode a, boolean approve) {
    if (!c.mayDecide()) {
      throw forbidden(approve ? "baton_approve" : "baton_reject");
    }
    ApprovalId id = ownedApproval(c, a.path("approval").asString());
    String comment = a.path("comment").asString("");
    if (approve) {
      engine.get().approve(id, null, who(x, c), comment);
    } else {
      engine.get().reject(id, who(x, c), comment);
    }
    return Json.object().put("approval", id.value()).put("decision", approve ? "approved"
        : "rejected");
  }

  private JsonNode answer(McpSyncServerExchange x, Caller c, JsonNode a) {
    if (!c.mayDecide()) {
      throw forbidden("baton_answer");
    }
    ApprovalId id = ownedApproval(c, a.path("question").asString());
    engine.get().answer(id, a.get("answer"), who(x, c));
    return Json.object().put("question", id.value()).put("answered", true);
  }

  /** Stops serving. */
  @Override
  public void close() {
    server.closeGracefully();
  }
}
