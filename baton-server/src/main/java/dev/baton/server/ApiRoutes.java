package dev.baton.server;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.baton.core.engine.Submission;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.exec.Approval;
import dev.baton.core.feedback.Feedback;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.PlanVersion;
import dev.baton.core.exec.Question;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.PlanValidator;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.port.ExecutionQuery;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.port.Page;
import dev.baton.core.simulate.SimulationOptions;
import dev.baton.core.tool.Tool;
import dev.baton.server.auth.ApiKeys;
import dev.baton.server.auth.Principal;
import dev.baton.server.auth.Role;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The routes under {@code /api/v1}. Every read and change is scoped by the caller's tenant: an
 * execution, approval or question of another tenant is answered exactly like one that does not
 * exist (404), so nothing leaks.
 */
final class ApiRoutes {
  static final String V1 = "/api/v1";
  private static final int MAX_LIMIT = 200;

  private final ServerContext context;
  private final Idempotency idempotency;

  private ApiRoutes(ServerContext context) {
    this.context = context;
    this.idempotency = new Idempotency(context.sql(), InstantSource.system());
  }

  static void register(Routes r, ServerContext context) {
    ApiRoutes api = new ApiRoutes(context);
    Streams streams = new Streams(context);
    r.add(GET, V1 + "/health", null, (ctx, p) -> json(ctx, 200, Json.object().put("status",
        "ok")));
    r.add(GET, V1 + "/ready", null, api::ready);
    r.add(GET, "/openapi.json", null, (ctx, p) -> ctx.contentType("application/json")
        .result(OpenApi.json()));
    r.add(GET, "/docs", null, (ctx, p) -> OpenApi.page(ctx));
    r.add(GET, "/docs/init.js", null, (ctx, p) -> OpenApi.init(ctx));

    r.add(GET, "/metrics", Role.ADMIN, (ctx, p) -> ctx.contentType(
        "text/plain; version=0.0.4; charset=utf-8").result(context.metrics().scrape()));

    r.add(POST, V1 + "/executions", Role.OPERATOR, api::start);
    r.add(GET, V1 + "/executions", Role.VIEWER, api::list);
    r.add(GET, V1 + "/executions/{id}", Role.VIEWER, api::get);
    r.add(GET, V1 + "/executions/{id}/events", Role.VIEWER, api::events);
    r.add(GET, V1 + "/executions/{id}/stream", Role.VIEWER, streams::execution);
    r.add(GET, V1 + "/stream", Role.VIEWER, streams::tenant);
    r.add(POST, V1 + "/executions/{id}/pause", Role.OPERATOR, (ctx, p) -> api.control(ctx, p,
        "pause"));
    r.add(POST, V1 + "/executions/{id}/resume", Role.OPERATOR, (ctx, p) -> api.control(ctx, p,
        "resume"));
    r.add(POST, V1 + "/executions/{id}/cancel", Role.OPERATOR, (ctx, p) -> api.control(ctx, p,
        "cancel"));
    r.add(GET, V1 + "/executions/{id}/plan", Role.VIEWER, api::plan);
    r.add(GET, V1 + "/executions/{id}/plan/versions", Role.VIEWER, api::versions);
    r.add(GET, V1 + "/executions/{id}/plan/versions/{version}", Role.VIEWER, api::version);
    r.add(POST, V1 + "/executions/{id}/plan/approve", Role.APPROVER, (ctx, p) ->
        api.decidePlan(ctx, p, true));
    r.add(POST, V1 + "/executions/{id}/plan/reject", Role.APPROVER, (ctx, p) ->
        api.decidePlan(ctx, p, false));
    r.add(GET, V1 + "/executions/{id}/logs", Role.VIEWER, api::logs);
    r.add(GET, V1 + "/executions/{id}/trace", Role.VIEWER, api::trace);
    r.add(GET, V1 + "/executions/{id}/metrics", Role.VIEWER, api::executionMetrics);

    r.add(GET, V1 + "/executions/{id}/feedback", Role.VIEWER, api::feedback);
    r.add(POST, V1 + "/executions/{id}/feedback", Role.APPROVER, api::rate);

    r.add(GET, V1 + "/approvals", Role.VIEWER, api::approvals);
    r.add(GET, V1 + "/approvals/{id}", Role.VIEWER, api::approval);
    r.add(POST, V1 + "/approvals/{id}/approve", Role.APPROVER, (ctx, p) -> api.decide(ctx, p,
        true));
    r.add(POST, V1 + "/approvals/{id}/reject", Role.APPROVER, (ctx, p) -> api.decide(ctx, p,
        false));
    r.add(GET, V1 + "/questions", Role.VIEWER, api::questions);
    r.add(POST, V1 + "/questions/{id}/answer", Role.APPROVER, api::answer);

    AgUi agui = new AgUi(context);
    r.add(POST, V1 + "/agui", Role.APPROVER, agui::run);

    r.add(GET, V1 + "/tools", Role.VIEWER, api::tools);
    r.add(GET, V1 + "/tools/{name}", Role.VIEWER, api::tool);

    r.add(GET, V1 + "/keys", Role.ADMIN, api::keys);
    r.add(POST, V1 + "/keys", Role.ADMIN, api::createKey);
    r.add(DELETE, V1 + "/keys/{id}", Role.ADMIN, api::revokeKey);
  }

  // ------------------------------------------------------------------ helpers

  static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }

  /** The execution if it belongs to the caller's tenant; else 404, as if it did not exist. */
  private ExecutionSummary owned(Principal p, String id) {
    ExecutionId eid = executionId(id);
    return context.app().store().summary(eid)
        .filter(s -> p.tenant().equals(s.tenant()))
        .orElseThrow(() -> BatonException.of(ErrorCode.EXECUTION_NOT_FOUND,
            "no execution with id '" + shorten(id) + "'"));
  }

  static ExecutionId executionId(String id) {
    try {
      return ExecutionId.of(id);
    } catch (RuntimeException e) {
      throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "no execution with id '"
          + shorten(id) + "'");
    }
  }

  private ApprovalId ownedApproval(Principal p, String id) {
    ApprovalId aid;
    try {
      aid = ApprovalId.of(id);
    } catch (RuntimeException e) {
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "no approval '" + shorten(id) + "'");
    }
    boolean mine = context.app().store().summary(aid.execution())
        .map(s -> p.tenant().equals(s.tenant())).orElse(false);
    if (!mine) {
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "no approval '" + shorten(id) + "'");
    }
    return aid;
  }

  static String shorten(String s) {
    return dev.baton.core.text.Visible.shorten(String.valueOf(s), 80);
  }

  static int limit(Context ctx, int otherwise) {
    String v = ctx.queryParam("limit");
    if (v == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1 || n > MAX_LIMIT) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw BatonException.invalid(ErrorCode.REQUEST_INVALID, "A parameter is invalid:",
          List.of(new Problem("query/limit", "must be a whole number from 1 to " + MAX_LIMIT)));
    }
  }

  // ------------------------------------------------------------------ health

  private void ready(Context ctx, Principal p) {
    try {
      long position = context.app().store().lastPosition();
      json(ctx, 200, Json.object().put("status", "ready").put("lastPosition", position)
          .put("eventFeedPosition", context.events().head()));
    } catch (BatonException e) {
      json(ctx, 503, Json.object().put("status", "unavailable").put("code", e.code().name()));
    }
  }

  // ------------------------------------------------------------------ executions

  private static final Set<String> START_FIELDS = Set.of("request", "plan", "mode", "options");
  private static final Set<String> OPTION_FIELDS = Set.of("maxParallel", "requirePlanApproval");

  private void start(Context ctx, Principal p) {
    Body body = Body.read(ctx, START_FIELDS);
    String request = body.text("request");
    JsonNode planNode = body.get("plan");
    if ((request == null || request.isBlank()) && planNode == null) {
      throw BatonException.invalid(ErrorCode.REQUEST_INVALID, "The request body is invalid:",
          List.of(new Problem("", "give \"request\" (words to plan) or \"plan\" (with a"
              + " \"request\" kept for the record)")));
    }
    String mode = Optional.ofNullable(body.text("mode")).orElse("run");
    if (!List.of("run", "validateOnly", "simulate").contains(mode)) {
      throw Body.located("mode", "must be run, validateOnly or simulate");
    }
    ExecutionOptions options = options(body.object("options"));
    Plan plan = planNode == null ? null : plan(planNode);
    if (plan != null) {
      new PlanValidator(context.app().catalog()).check(plan);
    }
    if (!mode.equals("run")) {
      PlanProposal proposal = plan == null ? context.app().plan(request) : null;
      Plan checked = plan != null ? plan : proposal.plan();
      ObjectNode out = Json.object().put("valid", true).put("mode", mode);
      out.set("plan", PlanCodec.toJson(checked));
      if (proposal != null) {
        ObjectNode reasons = out.putObject("reasons");
        proposal.reasons().forEach((k, v) -> reasons.put(k.value(), v));
        out.put("language", proposal.language());
      }
      if (mode.equals("simulate")) {
        out.set("simulation", Views.simulation(context.app().simulate(checked,
            SimulationOptions.Mode.ALL, options)));
      }
      json(ctx, 200, out);
      return;
    }
    ExecutionId id = ExecutionId.random();
    String key = ctx.header("Idempotency-Key");
    if (key != null) {
      Optional<ExecutionId> earlier = idempotency.reserve(p.tenant(), key, ctx.bodyAsBytes(), id);
      if (earlier.isPresent()) {
        ctx.header("Idempotent-Replayed", "true");
        answerStarted(ctx, earlier.get(), plan == null);
        return;
      }
    }
    Submission submission = (plan != null ? Submission.of(plan).withRequest(request)
        : Submission.ofRequest(request)).withTenant(p.tenant()).withId(id).withOptions(options);
    try {
      context.app().engine().submit(submission);
    } catch (RuntimeException e) {
      if (key != null) {
        idempotency.release(p.tenant(), key);
      }
      throw e;
    }
    answerStarted(ctx, id, plan == null);
  }

  private void answerStarted(Context ctx, ExecutionId id, boolean planning) {
    ctx.header("Location", V1 + "/executions/" + id.value());
    ObjectNode view = context.app().store().summary(id).map(Views::summary)
        .orElseGet(() -> Json.object().put("id", id.value()).put("status", "queued"));
    // why: a request is planned after the answer; the client follows with the stream or a GET
    json(ctx, planning ? 202 : 201, view);
  }

  private static Plan plan(JsonNode node) {
    try {
      return PlanCodec.read(node);
    } catch (BatonException e) {
      List<Problem> located = new ArrayList<>();
      for (Problem pr : e.problems()) {
        String loc = pr.location();
        located.add(new Problem("/plan" + (loc.isEmpty() || loc.startsWith("/") ? loc
            : "/" + loc), pr.message()));
      }
      throw BatonException.invalid(e.code(), "The plan is malformed:", located);
    }
  }

  private static ExecutionOptions options(ObjectNode o) {
    ExecutionOptions options = ExecutionOptions.DEFAULTS;
    if (o == null) {
      return options;
    }
    List<Problem> problems = new ArrayList<>();
    for (String name : o.propertyNames()) {
      if (!OPTION_FIELDS.contains(name)) {
        problems.add(new Problem("/options/" + name, "unknown field; allowed: maxParallel,"
            + " requirePlanApproval"));
      }
    }
    JsonNode max = o.get("maxParallel");
    if (max != null) {
      if (!max.isInt() || max.asInt() < 1 || max.asInt() > 256) {
        problems.add(new Problem("/options/maxParallel", "must be a whole number from 1 to 256"));
      } else {
        options = options.withMaxParallel(max.asInt());
      }
    }
    JsonNode approve = o.get("requirePlanApproval");
    if (approve != null) {
      if (!approve.isBoolean()) {
        problems.add(new Problem("/options/requirePlanApproval", "must be true or false"));
      } else {
        options = options.withPlanApproval(approve.asBoolean());
      }
    }
    if (!problems.isEmpty()) {
      throw BatonException.invalid(ErrorCode.REQUEST_INVALID, "The options are invalid:",
          problems);
    }
    return options;
  }

  private void list(Context ctx, Principal p) {
    ExecutionQuery q = ExecutionQuery.all(p.tenant()).limit(limit(ctx, 20));
    String status = ctx.queryParam("status");
    if (status != null && !status.isBlank()) {
      Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
      for (String s : status.split(",")) {
        try {
          statuses.add(ExecutionStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw BatonException.invalid(ErrorCode.REQUEST_INVALID, "A parameter is invalid:",
              List.of(new Problem("query/status", "unknown status '" + shorten(s) + "'")));
        }
      }
      q = q.statuses(statuses);
    }
    String text = ctx.queryParam("q");
    if (text != null && !text.isBlank()) {
      q = q.text(text);
    }
    String cursor = ctx.queryParam("cursor");
    if (cursor != null) {
      q = cursor(q, cursor);
    }
    Page<ExecutionSummary> page = context.app().store().list(q);
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    page.items().forEach(s -> items.add(Views.summary(s)));
    if (page.more() && !page.items().isEmpty()) {
      ExecutionSummary last = page.items().get(page.items().size() - 1);
      out.put("nextCursor", Base64.getUrlEncoder().withoutPadding().encodeToString(
          (last.createdAt() + "|" + last.id().value()).getBytes(StandardCharsets.UTF_8)));
    } else {
      out.putNull("nextCursor");
    }
    json(ctx, 200, out);
  }

  private static ExecutionQuery cursor(ExecutionQuery q, String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
          .split("\\|", 2);
      return new ExecutionQuery(q.tenant(), q.statuses(), q.text(), Instant.parse(parts[0]),
          ExecutionId.of(parts[1]), q.limit());
    } catch (RuntimeException e) {
      throw BatonException.invalid(ErrorCode.REQUEST_INVALID, "A parameter is invalid:",
          List.of(new Problem("query/cursor", "not a cursor this API gave out")));
    }
  }

  private void get(Context ctx, Principal p) {
    ExecutionSummary s = owned(p, ctx.pathParam("id"));
    json(ctx, 200, Views.execution(context.app().store().load(s.id())));
  }

  private void events(Context ctx, Principal p) {
    ExecutionSummary s = owned(p, ctx.pathParam("id"));
    long after = longParam(ctx, "after", 0);
    ArrayNode out = Json.mapper().createArrayNode();
    for (Event e : context.app().store().events(s.id(), after)) {
      out.add(Views.event(e));
      if (out.size() >= 1000) {
        break;
      }
    }
    json(ctx, 200, Json.object().set("items", out));
  }

  static long longParam(Context ctx, String name, long otherwise) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return otherwise;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw BatonException.invalid(ErrorCode.REQUEST_INVALID, "A parameter is invalid:",
          List.of(new Problem("query/" + name, "must be a whole number, 0 or more")));
    }
  }

  private void control(Context ctx, Principal p, String action) {
    Body.read(ctx, Set.of());
    ExecutionSummary s = owned(p, ctx.pathParam("id"));
    var engine = context.app().engine();
    switch (action) {
      case "pause" -> engine.pause(s.id(), p.name());
      case "resume" -> engine.resume(s.id(), p.name());
      default -> engine.cancel(s.id(), p.name());
    }
    json(ctx, 200, Views.summary(context.app().store().summary(s.id()).orElse(s)));
  }

  // ------------------------------------------------------------------ plans

  private void plan(Context ctx, Principal p) {
    ExecutionState s = context.app().store().load(owned(p, ctx.pathParam("id")).id());
    if (s.plan() == null) {
      throw BatonException.of(ErrorCode.NOT_FOUND, "execution " + s.id() + " has no plan yet ("
          + Views.wire(s.status()) + ")");
    }
    ObjectNode out = Json.object().put("version", s.planVersion())
        .put("awaitingApproval", s.planApprovalPending());
    out.set("plan", PlanCodec.toJson(s.plan()));
    json(ctx, 200, out);
  }

  private void versions(Context ctx, Principal p) {
    ExecutionState s = context.app().store().load(owned(p, ctx.pathParam("id")).id());
    ArrayNode items = Json.mapper().createArrayNode();
    s.versions().forEach(v -> items.add(Views.version(v)));
    json(ctx, 200, Json.object().set("items", items));
  }

  private void version(Context ctx, Principal p) {
    ExecutionState s = context.app().store().load(owned(p, ctx.pathParam("id")).id());
    String v = ctx.pathParam("version");
    PlanVersion found = s.versions().stream().filter(x -> String.valueOf(x.version()).equals(v))
        .findFirst().orElseThrow(() -> BatonException.of(ErrorCode.NOT_FOUND,
            "execution " + s.id() + " has no plan version '" + shorten(v) + "'"));
    json(ctx, 200, Views.version(found));
  }

  private void decidePlan(Context ctx, Principal p, boolean approve) {
    Body body = Body.read(ctx, approve ? Set.of("plan", "comment") : Set.of("reason"));
    ExecutionSummary s = owned(p, ctx.pathParam("id"));
    Plan edited = approve && body.get("plan") != null ? plan(body.get("plan")) : null;
    context.app().engine().decidePlan(s.id(), approve, edited, p.name(),
        approve ? body.text("comment") : body.text("reason"));
    json(ctx, 200, Views.summary(context.app().store().summary(s.id()).orElse(s)));
  }

  // ------------------------------------------------------------------ logs, trace, metrics

  private void logs(Context ctx, Principal p) {
    ExecutionSummary s = owned(p, ctx.pathParam("id"));
    ArrayNode items = Json.mapper().createArrayNode();
    for (Event e : context.app().store().events(s.id(), longParam(ctx, "after", 0))) {
      if (e instanceof Event.StepLogged l) {
        items.addObject().put("seq", l.seq()).put("at", Views.time(l.at()))
            .put("step", l.step().value()).put("level", l.level())
            .put("message", dev.baton.core.text.Redactor.clean(l.message()));
      }
    }
    json(ctx, 200, Json.object().set("items", items));
  }

  private void trace(Context ctx, Principal p) {
    ExecutionSummary s = owned(p, ctx.pathParam("id"));
    json(ctx, 200, Trace.of(context.app().store().events(s.id(), 0)));
  }

  private void executionMetrics(Context ctx, Principal p) {
    ExecutionSummary s = owned(p, ctx.pathParam("id"));
    json(ctx, 200, Trace.metrics(context.app().store().load(s.id()),
        context.app().store().events(s.id(), 0)));
  }

  // ------------------------------------------------------------------ feedback

  private void feedback(Context ctx, Principal p) {
    ExecutionSummary s = owned(p, ctx.pathParam("id"));
    ArrayNode items = Json.mapper().createArrayNode();
    context.app().feedback().of(p.tenant(), s.id()).forEach(f -> items.add(feedbackView(f)));
    json(ctx, 200, Json.object().set("items", items));
  }

  private void rate(Context ctx, Principal p) {
    Body body = Body.read(ctx, Set.of("rating", "comment"));
    String rating = body.requiredText("rating");
    Feedback.Rating r;
    try {
      r = Feedback.Rating.valueOf(rating.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Body.located("rating", "must be good or bad");
    }
    ExecutionSummary s = owned(p, ctx.pathParam("id"));
    Feedback f = new Feedback(p.tenant(), s.id(), r, body.text("comment"), p.name(),
        Instant.now());
    context.app().feedback().record(f);
    json(ctx, 201, feedbackView(f));
  }

  private static ObjectNode feedbackView(Feedback f) {
    return Json.object().put("execution", f.execution().value()).put("rating",
        Views.wire(f.rating())).put("comment", f.comment()).put("by", f.by())
        .put("at", Views.time(f.at()));
  }

  // ------------------------------------------------------------------ human steps

  private void approvals(Context ctx, Principal p) {
    int limit = limit(ctx, 50);
    int offset = (int) Math.min(Integer.MAX_VALUE, longParam(ctx, "offset", 0));
    ArrayNode items = Json.mapper().createArrayNode();
    context.app().store().pendingApprovals(p.tenant(), offset, limit)
        .forEach(a -> items.add(Views.approval(a)));
    json(ctx, 200, Json.object().set("items", items));
  }

  private void approval(Context ctx, Principal p) {
    ApprovalId id = ownedApproval(p, ctx.pathParam("id"));
    Approval a = context.app().store().load(id.execution()).approvals().get(id);
    if (a == null) {
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "no approval '" + id + "'");
    }
    json(ctx, 200, Views.approval(a));
  }

  private void decide(Context ctx, Principal p, boolean approve) {
    Body body = Body.read(ctx, approve ? Set.of("arguments", "comment") : Set.of("reason"));
    ApprovalId id = ownedApproval(p, ctx.pathParam("id"));
    if (approve) {
      context.app().engine().approve(id, body.object("arguments"), p.name(),
          body.text("comment"));
    } else {
      context.app().engine().reject(id, p.name(), body.requiredText("reason"));
    }
    Approval a = context.app().store().load(id.execution()).approvals().get(id);
    json(ctx, 200, a == null ? Json.object().put("id", id.value()) : Views.approval(a));
  }

  private void questions(Context ctx, Principal p) {
    int limit = limit(ctx, 50);
    int offset = (int) Math.min(Integer.MAX_VALUE, longParam(ctx, "offset", 0));
    ArrayNode items = Json.mapper().createArrayNode();
    context.app().store().pendingQuestions(p.tenant(), offset, limit)
        .forEach(q -> items.add(Views.question(q)));
    json(ctx, 200, Json.object().set("items", items));
  }

  private void answer(Context ctx, Principal p) {
    Body body = Body.read(ctx, Set.of("answer"));
    JsonNode answer = body.get("answer");
    if (answer == null) {
      throw Body.located("answer", "is required");
    }
    ApprovalId id = ownedApproval(p, ctx.pathParam("id"));
    context.app().engine().answer(id, answer, p.name());
    Question q = context.app().store().load(id.execution()).questions().get(id);
    json(ctx, 200, q == null ? Json.object().put("id", id.value()) : Views.question(q));
  }

  // ------------------------------------------------------------------ tools

  private void tools(Context ctx, Principal p) {
    ArrayNode items = Json.mapper().createArrayNode();
    for (Tool t : context.app().catalog().all()) {
      items.add(toolView(t, ctx.queryParam("schemas") != null));
    }
    json(ctx, 200, Json.object().set("items", items));
  }

  private void tool(Context ctx, Principal p) {
    String name = ctx.pathParam("name");
    Tool t = context.app().catalog().find(name).orElseThrow(() -> BatonException.of(
        ErrorCode.TOOL_NOT_FOUND, "no tool '" + shorten(name) + "'"));
    json(ctx, 200, toolView(t, true));
  }

  private static ObjectNode toolView(Tool t, boolean schemas) {
    var d = t.descriptor();
    ObjectNode o = Json.object().put("name", d.name()).put("description", d.description())
        .put("sideEffect", d.sideEffect());
    if (schemas) {
      o.set("inputSchema", d.inputSchema());
      o.set("outputSchema", d.outputSchema());
    }
    return o;
  }

  // ------------------------------------------------------------------ keys

  private static final Set<String> KEY_FIELDS = Set.of("name", "role", "tenant");

  private void keys(Context ctx, Principal p) {
    ArrayNode items = Json.mapper().createArrayNode();
    context.keys().list(p.tenant()).forEach(k -> items.add(keyView(k)));
    json(ctx, 200, Json.object().set("items", items));
  }

  private void createKey(Context ctx, Principal p) {
    Body body = Body.read(ctx, KEY_FIELDS);
    Role role = Role.parse(body.requiredText("role"));
    String tenant = Optional.ofNullable(body.text("tenant")).orElse(p.tenant());
    if (!tenant.equals(p.tenant())) {
      // why: an admin manages its own tenant; new tenants are made from the command line
      throw BatonException.of(ErrorCode.AUTH_FORBIDDEN, "an admin key makes keys for its own"
          + " tenant only");
    }
    ApiKeys.NewKey k = context.keys().create(tenant, body.text("name"), role);
    ObjectNode out = keyView(k.info());
    out.put("key", k.secret());
    ctx.header("Location", V1 + "/keys/" + k.info().id());
    ctx.header("Cache-Control", "no-store");
    json(ctx, 201, out);
  }

  private void revokeKey(Context ctx, Principal p) {
    json(ctx, 200, keyView(context.keys().revoke(p.tenant(), ctx.pathParam("id"))));
  }

  static ObjectNode keyView(ApiKeys.KeyInfo k) {
    return Json.object().put("id", k.id()).put("tenant", k.tenant()).put("name", k.name())
        .put("role", k.role().wire()).put("createdAt", Views.time(k.createdAt()))
        .put("revokedAt", Views.time(k.revokedAt())).put("active", k.active());
  }
}
