package dev.baton.dashboard;

import dev.baton.app.BatonApp;
import dev.baton.core.engine.Engine;
import dev.baton.core.engine.Submission;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.feedback.Feedback;
import dev.baton.core.feedback.FeedbackStore;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.PlanValidator;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.port.ExecutionQuery;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.model.ModelPrices;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web dashboard: server-rendered pages (precompiled JTE templates), htmx with its SSE
 * extension for the live page, SVG drawn here. Registers its routes under {@code /ui} on a
 * Javalin configuration; the server calls {@link #configure} and prints {@link #loginLink}.
 *
 * <p>Safety: every page carries a Content-Security-Policy with no inline script or style; all
 * text from tools, documents and models is escaped (templates escape by default, Java-made HTML
 * goes through {@link Html}); every state-changing request needs the session's own token and a
 * same-origin {@code Origin}, and the session cookie is HttpOnly and SameSite=Strict; roles are
 * checked on every action (a viewer gets no approve button and a 403 if they try anyway).
 */
public final class Dashboard {
  public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self';"
      + " base-uri 'none'; frame-ancestors 'none'";
  static final String HTMX = "/META-INF/resources/webjars/htmx.org/2.0.10/dist/htmx.min.js";
  static final String SSE = "/META-INF/resources/webjars/htmx-ext-sse/2.2.2/sse.js";

  private final BatonApp app;
  private final Access access;
  private final FeedbackStore feedback;
  private final Settings settings;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final ModelPrices prices = new ModelPrices(System.getenv());
  private final Map<String, Map<StepId, String>> reasons = new ConcurrentHashMap<>();
  private final Map<String, Plan> drafts = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile long version;
  private AutoCloseable subscription;

  /** Where keys and webhooks are managed; the server provides it (none: the page says so). */
  public interface Settings {
    record Key(String id, String name, String prefix, String role, Instant created) {}

    /**
     * A webhook as listed: its target, the event types it gets ({@code *} for all), and its
     * latest delivery as "type: status" (empty before the first).
     */
    record Webhook(String id, String url, String events, String lastDelivery) {}

    List<Key> keys(String tenant);

    /** Creates a key and returns it in full (shown once). */
    String createKey(String tenant, String name, String role);

    void revokeKey(String tenant, String id);

    List<Webhook> webhooks(String tenant);

    /** Adds a webhook and returns its signing secret (shown once). */
    String addWebhook(String tenant, String url, String events);

    void deleteWebhook(String tenant, String id);

    /** Queues a test delivery to the webhook; returns the delivery's id. */
    default String testWebhook(String tenant, String id) {
      throw new UnsupportedOperationException("webhooks are not offered by this server");
    }

    /** The event types a webhook can ask for, besides {@code *}. */
    default List<String> eventTypes() {
      return List.of();
    }

    /** Whether webhooks can be managed here. */
    default boolean webhooks() {
      return true;
    }
  }

  public Dashboard(BatonApp app, Access.KeyCheck keys, FeedbackStore feedback, Settings settings) {
    this.app = app;
    this.access = new Access(keys, Access.secretIn(app.config().home()));
    this.feedback = feedback == null ? app.feedback() : feedback;
    this.settings = settings;
  }

  public Dashboard(BatonApp app) {
    this(app, Access.KeyCheck.NONE, null, null);
  }

  /** Sessions and sign-in tokens. */
  public Access access() {
    return access;
  }

  /** The tenant's local administrator, as {@code baton serve} signs them in. */
  public Access.User localAdmin() {
    return new Access.User("local admin", app.config().tenant(), Access.Role.ADMIN);
  }

  /** A one-time login link for {@code user} on the server at {@code base} (no trailing slash). */
  public String loginLink(String base, Access.User user) {
    // why: in the path, not the query: the server refuses anything key-like in a query
    return base + "/ui/login/" + access.loginToken(user, Instant.now());
  }

  /** Stops waking live pages; the server closes its connections itself. */
  public void close() {
    try {
      if (subscription != null) {
        subscription.close();
      }
    } catch (Exception ignored) {
      // why: closing on the way down; nothing to tell anyone
    }
  }

  /** Registers the dashboard's routes, its assets and its guards on {@code cfg}. */
  public void configure(JavalinConfig cfg) {
    subscription = app.engine().subscribe(e -> signal());
    var r = cfg.routes;
    r.before("/ui/*", this::guard);
    r.before("/ui", this::guard);
    r.get("/", ctx -> ctx.redirect("/ui"));
    r.get("/ui/static/{file}", this::asset);
    r.get("/ui/login", this::loginPage);
    r.get("/ui/login/{token}", this::loginPage);
    r.post("/ui/login", this::login);
    r.post("/ui/logout", this::logout);
    r.get("/ui/lang/{code}", this::language);
    r.get("/ui", this::startPage);
    r.post("/ui/start", this::start);
    r.post("/ui/plan/run", this::runPlan);
    r.get("/ui/executions/{id}", this::executionPage);
    r.get("/ui/executions/{id}/replay", this::replayPage);
    r.sse("/ui/executions/{id}/stream", this::stream);
    r.post("/ui/executions/{id}/pause", ctx -> control(ctx, "pause"));
    r.post("/ui/executions/{id}/resume", ctx -> control(ctx, "resume"));
    r.post("/ui/executions/{id}/cancel", ctx -> control(ctx, "cancel"));
    r.post("/ui/executions/{id}/feedback", this::feedback);
    r.post("/ui/approvals/{id}/approve", ctx -> decide(ctx, true));
    r.post("/ui/approvals/{id}/reject", ctx -> decide(ctx, false));
    r.post("/ui/questions/{id}/answer", this::answer);
    r.get("/ui/pending", this::pendingPage);
    r.get("/ui/history", this::historyPage);
    r.get("/ui/documents", this::documentPage);
    r.get("/ui/settings", this::settingsPage);
    r.post("/ui/settings/keys", this::createKey);
    r.post("/ui/settings/keys/{id}/revoke", this::revokeKey);
    r.post("/ui/settings/webhooks", this::addWebhook);
    r.post("/ui/settings/webhooks/{id}/delete", this::deleteWebhook);
    r.post("/ui/settings/webhooks/{id}/test", this::testWebhook);
    r.exception(DashboardError.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
  }

  /** A failure shown as a page with its status. */
  static final class DashboardError extends RuntimeException {
    final int status;

    DashboardError(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  // ------------------------------------------------------------------ guards

  private static final Set<String> OPEN = Set.of("/ui/login", "/ui/login/", "/ui/static/",
      "/ui/lang/");

  private void guard(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    // why: "no-referrer" makes browsers send "Origin: null" on same-site forms
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
    String path = ctx.path();
    boolean open = OPEN.stream().anyMatch(p -> path.equals(p) || (p.endsWith("/")
        && path.startsWith(p)));
    Optional<Access.Session> session = access.session(ctx.cookie(Access.COOKIE), Instant.now());
    session.ifPresent(s -> ctx.attribute("session", s));
    if (!ctx.method().name().equals("GET") && !sameOrigin(ctx)) {
      throw new DashboardError(403, "cross-site request refused");
    }
    if (open) {
      return;
    }
    if (session.isEmpty()) {
      if (ctx.method().name().equals("GET") && !path.endsWith("/stream")) {
        ctx.redirect("/ui/login");
        ctx.skipRemainingHandlers();
        return;
      }
      throw new DashboardError(401, "sign in first");
    }
    if (!ctx.method().name().equals("GET")) {
      String token = ctx.formParam("_csrf");
      if (token == null) {
        token = ctx.header("X-CSRF-Token");
      }
      if (!session.get().csrf().equals(token)) {
        throw new DashboardError(403, "this form has expired; reload the page");
      }
    }
  }

  /**
   * A browser's request must come from this server's own pages: {@code Sec-Fetch-Site} says so
   * where browsers send it, else {@code Origin} (or {@code Referer}) must be this server;
   * requests with none of them come from tools, which the cookie's SameSite=Strict and the
   * form token already cover.
   */
  private static boolean sameOrigin(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null) {
      return site.equals("same-origin") || site.equals("none");
    }
    String origin = ctx.header("Origin");
    if (origin == null || origin.equals("null")) {
      String referer = ctx.header("Referer");
      if (referer == null) {
        return origin == null;
      }
      origin = referer;
    }
    String host = ctx.header("Host");
    return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host)
        || origin.startsWith("http://" + host + "/") || origin.startsWith("https://" + host + "/"));
  }

  private Access.Session session(Context ctx) {
    return ctx.attribute("session");
  }

  private Access.User user(Context ctx) {
    return session(ctx).user();
  }

  private void require(Context ctx, boolean allowed) {
    if (!allowed) {
      throw new DashboardError(403, messages(ctx).t("error.forbidden"));
    }
  }

  static Lang lang(Context ctx) {
    return Lang.pick(ctx.cookie(Lang.COOKIE), ctx.header("Accept-Language"));
  }

  static Messages messages(Context ctx) {
    return Messages.of(lang(ctx));
  }

  private Page page(Context ctx, String titleKey, Object... args) {
    Access.Session s = ctx.attribute("session");
    Messages m = messages(ctx);
    int pending = s == null ? 0 : app.store().countPendingHumanSteps(s.user().tenant());
    String path = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    return new Page(m, m.t(titleKey, args), s == null ? null : s.user(),
        s == null ? "" : s.csrf(), pending, path);
  }

  private void render(Context ctx, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    templates.render(template, params, out);
    ctx.contentType("text/html; charset=utf-8").result(out.toString());
  }

  private void error(Context ctx, int status, String message) {
    ctx.status(status);
    ctx.header("Content-Security-Policy", CSP);
    Page page = page(ctx, "error.title");
    render(ctx, "error.jte", Map.of("page", page, "message", message == null ? "" : message));
  }

  // ------------------------------------------------------------------ assets

  private void asset(Context ctx) throws IOException {
    String file = ctx.pathParam("file");
    String resource = switch (file) {
      case "htmx.min.js" -> HTMX;
      case "sse.js" -> SSE;
      case "dashboard.css", "dashboard.js" -> "/dashboard/static/" + file;
      default -> null;
    };
    if (resource == null) {
      throw new DashboardError(404, "not found");
    }
    try (InputStream in = Dashboard.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new DashboardError(404, "not found");
      }
      ctx.contentType(file.endsWith(".css") ? "text/css; charset=utf-8"
          : "text/javascript; charset=utf-8");
      ctx.header("Cache-Control", "public, max-age=3600");
      ctx.result(in.readAllBytes());
    }
  }

  // ------------------------------------------------------------------ signing in

  private void loginPage(Context ctx) {
    render(ctx, "login.jte", Map.of("page", page(ctx, "login.title"),
        "token", ctx.pathParamMap().getOrDefault("token", ""),
        "failed", Optional.ofNullable(ctx.queryParam("failed")).orElse("")));
  }

  private void login(Context ctx) {
    Instant now = Instant.now();
    String token = ctx.formParam("token");
    String key = ctx.formParam("key");
    Optional<Access.Session> s = token != null && !token.isBlank() ? access.redeem(token, now)
        : access.withKey(key, now);
    if (s.isEmpty()) {
      ctx.redirect("/ui/login?failed=" + (token != null && !token.isBlank() ? "link" : "key"),
          HttpStatus.SEE_OTHER);
      return;
    }
    ctx.res().addHeader("Set-Cookie", Access.COOKIE + "=" + s.get().id()
        + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + Access.SESSION_TTL.toSeconds());
    ctx.redirect("/ui", HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    access.close(ctx.cookie(Access.COOKIE), Instant.now());
    ctx.res().addHeader("Set-Cookie", Access.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict;"
        + " Max-Age=0");
    ctx.redirect("/ui/login", HttpStatus.SEE_OTHER);
  }

  private void language(Context ctx) {
    Lang l = Lang.of(ctx.pathParam("code"));
    if (l != null) {
      ctx.res().addHeader("Set-Cookie", Lang.COOKIE + "=" + l.code()
          + "; Path=/; SameSite=Strict; Max-Age=31536000");
    }
    String back = ctx.queryParam("back");
    // why: only a path on this server, never another site
    ctx.redirect(back != null && back.startsWith("/ui") && !back.startsWith("//") ? back : "/ui",
        HttpStatus.SEE_OTHER);
  }

  // ------------------------------------------------------------------ start and plan

  private void startPage(Context ctx) {
    Access.User u = user(ctx);
    List<ExecutionSummary> recent = app.store().list(ExecutionQuery.all(u.tenant()).limit(5))
        .items();
    render(ctx, "start.jte", Map.of("page", page(ctx, "start.title"), "recent", recent,
        "planner", app.plannerName(), "request", ""));
  }

  private void start(Context ctx) {
    Access.User u = user(ctx);
    String request = Optional.ofNullable(ctx.formParam("request")).orElse("").strip();
    if (request.isEmpty()) {
      ctx.redirect("/ui", HttpStatus.SEE_OTHER);
      return;
    }
    PlanProposal proposal;
    try {
      proposal = app.plan(request);
    } catch (BatonException e) {
      render(ctx, "start.jte", Map.of("page", page(ctx, "start.title"), "recent",
          List.of(), "planner", app.plannerName(), "request", request, "error", e.getMessage()));
      return;
    }
    if ("run".equals(ctx.formParam("action"))) {
      require(ctx, u.canOperate());
      ExecutionId id = submit(u, proposal.plan(), request, proposal);
      ctx.redirect("/ui/executions/" + id.value(), HttpStatus.SEE_OTHER);
      return;
    }
    String draft = Access.random();
    drafts.put(draft, proposal.plan());
    reasons.put(draft, proposal.reasons());
    showPlan(ctx, draft, request, proposal.plan(), proposal.reasons(), List.of());
  }

  private void showPlan(Context ctx, String draft, String request, Plan plan,
      Map<StepId, String> why, List<Problem> problems) {
    Messages m = messages(ctx);
    List<PlanStepRow> rows = new ArrayList<>();
    for (Step s : plan.steps()) {
      rows.add(new PlanStepRow(s.id().value(), Labels.step(s, m.lang()), s.tool(),
          why.getOrDefault(s.id(), ""), Json.mapper().writerWithDefaultPrettyPrinter()
              .writeValueAsString(s.argsView())));
    }
    Map<String, Object> params = new HashMap<>();
    params.put("page", page(ctx, "plan.title"));
    params.put("draft", draft);
    params.put("request", request);
    params.put("steps", rows);
    params.put("graph", PlanGraphSvg.svg(plan, Map.of(), why, m));
    params.put("problems", problems);
    render(ctx, "plan.jte", params);
  }

  /** A step of a plan shown for editing: its reason and its arguments as JSON. */
  public record PlanStepRow(String id, String label, String tool, String reason, String args) {}

  private void runPlan(Context ctx) {
    Access.User u = user(ctx);
    require(ctx, u.canOperate());
    String draft = ctx.formParam("draft");
    Plan plan = draft == null ? null : drafts.get(draft);
    String request = Optional.ofNullable(ctx.formParam("request")).orElse("");
    if (plan == null) {
      throw new DashboardError(404, messages(ctx).t("error.notfound"));
    }
    List<Step> kept = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Set<String> removed = Set.copyOf(ctx.formParams("remove"));
    for (Step s : plan.steps()) {
      if (removed.contains(s.id().value())) {
        continue;
      }
      String args = ctx.formParam("args." + s.id().value());
      ObjectNode parsed = s.args();
      if (args != null) {
        try {
          JsonNode n = Json.mapper().readTree(args);
          if (!n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
          }
          parsed = (ObjectNode) n;
        } catch (RuntimeException bad) {
          problems.add(new Problem("/steps/" + s.id().value() + "/args",
              "not a JSON object: " + bad.getMessage()));
        }
      }
      kept.add(s.withArgs(parsed));
    }
    Plan edited = null;
    try {
      edited = new Plan(kept.stream().map(s -> s.withAfter(s.after().stream()
          .filter(a -> !removed.contains(a.value())).toList())).toList());
      if (problems.isEmpty()) {
        problems.addAll(new PlanValidator(app.catalog()).validate(edited));
      }
    } catch (BatonException e) {
      problems.add(new Problem("/", e.getMessage()));
    }
    if (!problems.isEmpty()) {
      // why: what the person removed stays removed when they fix the rest
      if (edited != null) {
        drafts.put(draft, edited);
      }
      showPlan(ctx, draft, request, edited == null ? plan : edited, reasons.getOrDefault(draft,
          Map.of()), problems);
      return;
    }
    drafts.remove(draft);
    ExecutionId id = submit(u, edited, request, null);
    reasons.put(id.value(), reasons.getOrDefault(draft, Map.of()));
    ctx.redirect("/ui/executions/" + id.value(), HttpStatus.SEE_OTHER);
  }

  private ExecutionId submit(Access.User u, Plan plan, String request, PlanProposal proposal) {
    ExecutionOptions options = ExecutionOptions.DEFAULTS.withMaxParallel(
        app.config().engine().maxParallel());
    Submission.PlannedBy by = proposal == null ? null
        : new Submission.PlannedBy(app.plannerName(), proposal.cost());
    ExecutionId id = app.engine().submit(new Submission(null, plan, request, u.tenant(), options,
        by)).id();
    if (proposal != null) {
      reasons.put(id.value(), proposal.reasons());
    }
    return id;
  }

  // ------------------------------------------------------------------ one execution

  private ExecutionState load(Context ctx, String id) {
    Access.User u = user(ctx);
    Optional<ExecutionSummary> s;
    try {
      s = app.store().summary(ExecutionId.of(id));
    } catch (RuntimeException bad) {
      s = Optional.empty();
    }
    // why: another tenant's execution is as unknown as a missing one, so ids leak nothing
    if (s.isEmpty() || !s.get().tenant().equals(u.tenant())) {
      throw new DashboardError(404, messages(ctx).t("error.notfound"));
    }
    return app.store().load(ExecutionId.of(id));
  }

  ExecutionView view(ExecutionState state, List<Event> events, Messages m) {
    return ExecutionView.of(state, events, app.catalog(), reasons.getOrDefault(
        state.id().value(), Map.of()), m, app.config().zone(), Instant.now(), prices);
  }

  private void executionPage(Context ctx) {
    ExecutionState state = load(ctx, ctx.pathParam("id"));
    List<Event> events = app.store().events(state.id(), 0);
    Messages m = messages(ctx);
    ExecutionView v = view(ExecutionState.replay(events), events, m);
    Map<String, Object> params = new HashMap<>();
    params.put("page", page(ctx, "exec.title", state.id().value()));
    params.put("v", v);
    params.put("replay", false);
    params.put("feedback", feedback.of(user(ctx).tenant(), state.id()));
    render(ctx, "execution.jte", params);
  }

  /** The execution as it stood after event {@code at}: replayed from the log, nothing live. */
  private void replayPage(Context ctx) {
    ExecutionState state = load(ctx, ctx.pathParam("id"));
    List<Event> all = app.store().events(state.id(), 0);
    long at = Math.max(1, Math.min(all.size(), parseLong(ctx.queryParam("at"), all.size())));
    List<Event> upTo = all.subList(0, (int) at);
    Messages m = messages(ctx);
    ExecutionState then = ExecutionState.replay(upTo);
    ExecutionView v = ExecutionView.of(then, upTo, app.catalog(), reasons.getOrDefault(
        state.id().value(), Map.of()), m, app.config().zone(), upTo.getLast().at(), prices);
    Map<String, Object> params = new HashMap<>();
    params.put("page", page(ctx, "exec.replay"));
    params.put("v", v);
    params.put("at", at);
    params.put("last", (long) all.size());
    params.put("event", describe(upTo.getLast()));
    render(ctx, "replay.jte", params);
  }

  private static String describe(Event e) {
    String name = e.getClass().getSimpleName();
    return switch (e) {
      case Event.StepStarted s -> name + " " + s.step().value();
      case Event.StepSucceeded s -> name + " " + s.step().value();
      case Event.StepFailed s -> name + " " + s.step().value();
      case Event.StatusChanged s -> name + " " + s.from() + " → " + s.to();
      case Event.ApprovalRequested a -> name + " " + a.step().value();
      case Event.ApprovalDecided a -> name + " " + a.step().value()
          + (a.approved() ? " ✓" : " ✗");
      default -> name;
    };
  }

  private static long parseLong(String text, long fallback) {
    try {
      return text == null ? fallback : Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private void control(Context ctx, String action) {
    require(ctx, user(ctx).canOperate());
    ExecutionState state = load(ctx, ctx.pathParam("id"));
    Engine engine = app.engine();
    String by = user(ctx).name();
    try {
      switch (action) {
        case "pause" -> engine.pause(state.id(), by);
        case "resume" -> engine.resume(state.id(), by);
        default -> engine.cancel(state.id(), by);
      }
    } catch (BatonException e) {
      throw new DashboardError(409, e.getMessage());
    }
    backTo(ctx, "/ui/executions/" + state.id().value());
  }

  private void backTo(Context ctx, String fallback) {
    String back = ctx.formParam("back");
    ctx.redirect(back != null && back.startsWith("/ui") && !back.startsWith("//") ? back
        : fallback, HttpStatus.SEE_OTHER);
  }

  private void decide(Context ctx, boolean approve) {
    require(ctx, user(ctx).canApprove());
    ApprovalId id = ApprovalId.of(ctx.pathParam("id"));
    ExecutionState state = load(ctx, id.execution().value());
    var approval = state.approvals().get(id);
    if (approval == null) {
      throw new DashboardError(404, messages(ctx).t("error.notfound"));
    }
    String by = user(ctx).name();
    try {
      if (approve) {
        ObjectNode edited = null;
        var tool = app.catalog().find(approval.tool());
        if (tool.isPresent() && ctx.formParamMap().keySet().stream()
            .anyMatch(k -> k.startsWith(SchemaForm.PREFIX))) {
          ObjectNode read = SchemaForm.read(tool.get().descriptor().inputSchema(),
              ctx.formParamMap());
          // why: an untouched form is a plain approval, not an edit
          edited = sameArguments(read, approval.arguments()) ? null : read;
        }
        app.engine().approve(id, edited, by, ctx.formParam("comment"));
      } else {
        String reason = Optional.ofNullable(ctx.formParam("reason")).orElse("").strip();
        app.engine().reject(id, by, reason.isEmpty() ? null : reason);
      }
    } catch (BatonException e) {
      throw new DashboardError(e.code() == ErrorCode.APPROVAL_ALREADY_DECIDED ? 409 : 422,
          e.getMessage());
    }
    signal();
    backTo(ctx, "/ui/executions/" + state.id().value());
  }

  /** Equal once the absent optional fields of the original are left out of both. */
  static boolean sameArguments(ObjectNode read, ObjectNode original) {
    ObjectNode a = original.deepCopy();
    List<String> nulls = new ArrayList<>();
    a.properties().forEach(e -> {
      if (e.getValue().isNull()) {
        nulls.add(e.getKey());
      }
    });
    nulls.forEach(a::remove);
    return Json.mapper().readTree(Json.write(a)).equals(Json.mapper().readTree(Json.write(read)))
        || canonical(a).equals(canonical(read));
  }

  private static String canonical(JsonNode n) {
    if (n.isObject()) {
      var keys = new ArrayList<String>();
      n.propertyNames().forEach(keys::add);
      java.util.Collections.sort(keys);
      StringBuilder b = new StringBuilder("{");
      for (String k : keys) {
        b.append(k).append(':').append(canonical(n.get(k))).append(',');
      }
      return b.append('}').toString();
    }
    if (n.isArray()) {
      StringBuilder b = new StringBuilder("[");
      n.forEach(x -> b.append(canonical(x)).append(','));
      return b.append(']').toString();
    }
    return n.isNumber() ? n.decimalValue().stripTrailingZeros().toPlainString() : n.toString();
  }

  private void answer(Context ctx) {
    require(ctx, user(ctx).canApprove());
    ApprovalId id = ApprovalId.of(ctx.pathParam("id"));
    ExecutionState state = load(ctx, id.execution().value());
    var question = state.questions().get(id);
    if (question == null) {
      throw new DashboardError(404, messages(ctx).t("error.notfound"));
    }
    JsonNode value;
    try {
      value = question.fromCall() && ctx.formParamMap().keySet().stream()
              .anyMatch(k -> k.startsWith(SchemaForm.PREFIX))
          ? SchemaForm.read(question.answerSchema(), ctx.formParamMap())
          : answerOf(question.input(), ctx.formParam("choice"), ctx.formParam("answer"));
      app.engine().answer(id, value, user(ctx).name());
    } catch (BatonException e) {
      throw new DashboardError(e.code() == ErrorCode.APPROVAL_ALREADY_DECIDED ? 409 : 422,
          e.getMessage());
    }
    signal();
    backTo(ctx, "/ui/executions/" + state.id().value());
  }

  /**
   * The answer a posted form gives to a question with {@code input}: a chosen candidate's number
   * (from 1) answers with that candidate's value, so only what was offered can be chosen; typed
   * text answers as the {@code value} (a JSON object, for questions that are not
   * {@code ask.*}, as it is). The engine checks it against the tool's output schema.
   *
   * @throws BatonException APPROVAL_INVALID_EDIT for no answer or a number not offered
   */
  static JsonNode answerOf(JsonNode input, String choice, String typed) {
    JsonNode candidates = input.path("candidates");
    String chosen = choice == null ? "" : choice.strip();
    if (!chosen.isEmpty()) {
      int n = chosen.matches("\\d{1,4}") ? Integer.parseInt(chosen) : 0;
      if (!candidates.isArray() || n < 1 || n > candidates.size()) {
        throw BatonException.of(ErrorCode.APPROVAL_INVALID_EDIT, "no candidate " + chosen);
      }
      JsonNode c = candidates.get(n - 1);
      ObjectNode answer = Json.object();
      answer.set("value", c.isObject() && c.has("value") ? c.get("value") : c);
      return answer;
    }
    String text = typed == null ? "" : typed.strip();
    if (text.isEmpty()) {
      throw BatonException.of(ErrorCode.APPROVAL_INVALID_EDIT, "an empty answer answers nothing");
    }
    if (text.startsWith("{")) {
      return Json.parse(text, ErrorCode.APPROVAL_INVALID_EDIT, "The answer");
    }
    return Json.object().put("value", text);
  }

  private void feedback(Context ctx) {
    ExecutionState state = load(ctx, ctx.pathParam("id"));
    String rating = ctx.formParam("rating");
    boolean good = "good".equals(rating);
    String comment = Optional.ofNullable(ctx.formParam("comment")).orElse("").strip();
    feedback.record(new Feedback(user(ctx).tenant(), state.id(), good ? Feedback.Rating.GOOD
        : Feedback.Rating.BAD, comment.isEmpty() ? null : comment, user(ctx).name(),
        Instant.now()));
    ctx.redirect("/ui/executions/" + state.id().value() + "?thanks=1#feedback",
        HttpStatus.SEE_OTHER);
  }

  // ------------------------------------------------------------------ the live stream

  private void signal() {
    lock.lock();
    try {
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until something changed after {@code seen}, or {@code millis} passed. */
  private long awaitChange(long seen, long millis) throws InterruptedException {
    lock.lock();
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      while (version == seen) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        changed.awaitNanos(left);
      }
      return version;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The live page's stream: fragments (summary, graph, timeline, steps, pending) re-rendered when
   * the execution changes, at most ten times a second, each event's id the execution's last
   * sequence number; new log lines appended. A browser reconnecting sends {@code Last-Event-ID}
   * and gets the log lines after it, then the fragments as they are now. Ends when the execution
   * does (the page then shows its result).
   */
  private void stream(SseClient client) {
    Context ctx = client.ctx();
    Access.Session s = ctx.attribute("session");
    if (s == null) {
      client.close();
      return;
    }
    ExecutionState first;
    try {
      first = load(ctx, ctx.pathParam("id"));
    } catch (DashboardError e) {
      client.close();
      return;
    }
    client.keepAlive();
    Messages m = messages(ctx);
    ExecutionId id = first.id();
    long after = parseLong(ctx.header("Last-Event-ID"), parseLong(ctx.queryParam("after"), 0));
    Thread.ofVirtual().name("dashboard-sse-", 0).start(() -> {
      try {
        push(client, id, after, m, s);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // why: the client went away or the store failed; the browser reconnects by itself
      } finally {
        client.close();
      }
    });
  }

  private void push(SseClient client, ExecutionId id, long after, Messages m,
      Access.Session session) throws InterruptedException {
    long sent = after;
    String pendingKey = null;
    long seen = -1;
    Access.User user = session.user();
    // why: the log is read once, then only what is new; the state is folded as it grows
    List<Event> events = new ArrayList<>(app.store().events(id, 0));
    ExecutionState state = ExecutionState.replay(events);
    boolean firstRound = true;
    while (!client.terminated()) {
      List<Event> fresh = firstRound ? List.of() : app.store().events(id, state.lastSeq());
      for (Event e : fresh) {
        events.add(e);
        state.apply(e);
      }
      long last = state.lastSeq();
      if (firstRound && last == sent && !state.status().terminal()) {
        // why: the page was rendered at this very event (or the browser reconnects having
        // seen it): nothing to send, and re-sending the approvals would replace forms in use
        pendingKey = ExecutionView.pendingKeyOf(state);
        firstRound = false;
      } else if (firstRound || last > sent) {
        long started = System.nanoTime();
        ExecutionView v = ExecutionView.of(state, events, app.catalog(), reasons.getOrDefault(
            id.value(), Map.of()), m, app.config().zone(), Instant.now(), prices, false);
        LiveView l = new LiveView(v, m, session.csrf(), user.canApprove(), user.canOperate(),
            true);
        String eventId = Long.toString(last);
        for (ExecutionView.LogLine line : v.logs()) {
          if (line.seq() > sent) {
            client.sendEvent("log", fragment("fragments/log.jte", Map.of("line", line)), eventId);
          }
        }
        if (v.ended()) {
          Map<String, Object> params = new HashMap<>();
          params.put("l", new LiveView(view(state, events, m), m, session.csrf(),
              user.canApprove(), user.canOperate(), false));
          params.put("feedback", feedback.of(user.tenant(), id));
          client.sendEvent("ended", fragment("fragments/live.jte", params), eventId);
          return;
        }
        client.sendEvent("summary", fragment("fragments/summary.jte", Map.of("l", l)), eventId);
        client.sendEvent("graph", v.graphSvg(), eventId);
        client.sendEvent("timeline", v.timelineSvg(), eventId);
        client.sendEvent("steps", fragment("fragments/steps.jte", Map.of("l", l)), eventId);
        client.sendEvent("count", Integer.toString(app.store().countPendingHumanSteps(
            user.tenant())), eventId);
        // why: re-rendering a form someone is typing into would lose their edits
        if (!v.pendingKey().equals(pendingKey)) {
          pendingKey = v.pendingKey();
          client.sendEvent("pending", fragment("fragments/pending.jte", Map.of("l", l)),
              eventId);
        }
        sent = last;
        firstRound = false;
        // why: a burst of events (a 500-step plan) is sent at most ten times a second, and no
        // faster than rendering and sending it takes (a slow browser slows the sending), so
        // the page keeps up instead of queueing stale pictures
        long took = (System.nanoTime() - started) / 1_000_000;
        Thread.sleep(Math.max(100, took));
      }
      long before = seen;
      seen = awaitChange(seen, 1000);
      if (seen == before) {
        // why: events written by another process arrive without a signal; a heartbeat too
        client.sendComment("ping");
      }
    }
  }

  private String fragment(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    templates.render(template, params, out);
    return sseData(out.toString());
  }

  /**
   * HTML made one line for an SSE data field (a line break would end it) without changing what
   * it means: a break in text or in a quoted attribute value becomes {@code &#10;} (so a textarea
   * holding a list, one item a line, or a preformatted preview, keeps its lines), a break between
   * a tag's attributes a space.
   */
  static String sseData(String html) {
    StringBuilder b = new StringBuilder(html.length() + 16);
    boolean inTag = false;
    char quote = 0;
    for (int i = 0; i < html.length(); i++) {
      char c = html.charAt(i);
      if (c == '\r') {
        continue;
      }
      if (c == '\n') {
        b.append(inTag && quote == 0 ? " " : "&#10;");
        continue;
      }
      if (inTag) {
        if (quote != 0) {
          quote = c == quote ? 0 : quote;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          inTag = false;
        }
      } else if (c == '<') {
        inTag = true;
      }
      b.append(c);
    }
    return b.toString();
  }

  // ------------------------------------------------------------------ lists

  private void pendingPage(Context ctx) {
    Access.User u = user(ctx);
    Messages m = messages(ctx);
    Map<String, ExecutionView> views = new LinkedHashMap<>();
    for (var a : app.store().pendingApprovals(u.tenant(), 0, 50)) {
      views.computeIfAbsent(a.execution().value(), k -> {
        List<Event> ev = app.store().events(a.execution(), 0);
        return view(ExecutionState.replay(ev), ev, m);
      });
    }
    for (var q : app.store().pendingQuestions(u.tenant(), 0, 50)) {
      views.computeIfAbsent(q.execution().value(), k -> {
        List<Event> ev = app.store().events(q.execution(), 0);
        return view(ExecutionState.replay(ev), ev, m);
      });
    }
    render(ctx, "pending.jte", Map.of("page", page(ctx, "pending.title"), "views",
        List.copyOf(views.values())));
  }

  private void historyPage(Context ctx) {
    Access.User u = user(ctx);
    String text = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
    String status = Optional.ofNullable(ctx.queryParam("status")).orElse("");
    ExecutionQuery q = ExecutionQuery.all(u.tenant()).limit(25);
    if (!text.isEmpty()) {
      q = q.text(text);
    }
    try {
      if (!status.isEmpty()) {
        q = q.statuses(EnumSet.of(ExecutionStatus.valueOf(status)));
      }
    } catch (IllegalArgumentException unknown) {
      status = "";
    }
    var items = app.store().list(q).items();
    Map<String, Object> params = new HashMap<>();
    params.put("page", page(ctx, "history.title"));
    params.put("items", items);
    params.put("q", text);
    params.put("status", status);
    params.put("statuses", List.of(ExecutionStatus.values()));
    params.put("zone", app.config().zone());
    render(ctx, "history.jte", params);
  }

  /** A workspace document, shown as text (never as HTML), read without following links. */
  private void documentPage(Context ctx) {
    String rel = Optional.ofNullable(ctx.queryParam("path")).orElse("");
    Path root = app.config().workspace().toAbsolutePath().normalize();
    Path file = root.resolve(rel).normalize();
    String text;
    try {
      if (rel.isBlank() || !file.startsWith(root) || file.startsWith(root.resolve(".baton"))
          || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || !file.toRealPath().startsWith(root.toRealPath())) {
        throw new DashboardError(404, messages(ctx).t("error.notfound"));
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DashboardError(404, messages(ctx).t("error.notfound"));
    }
    render(ctx, "document.jte", Map.of("page", page(ctx, "doc.title"), "path", rel, "text",
        text));
  }

  private void settingsPage(Context ctx) {
    Access.User u = user(ctx);
    Map<String, Object> params = new HashMap<>();
    params.put("page", page(ctx, "settings.title"));
    params.put("tools", app.catalog().all().stream().map(t -> t.descriptor())
        .sorted(java.util.Comparator.comparing(d -> d.name())).toList());
    params.put("available", settings != null && u.isAdmin());
    params.put("hooks", settings != null && u.isAdmin() && settings.webhooks());
    params.put("keys", settings != null && u.isAdmin() ? settings.keys(u.tenant()) : List.of());
    params.put("webhooks", settings != null && u.isAdmin() && settings.webhooks()
        ? settings.webhooks(u.tenant())
        : List.of());
    params.put("eventTypes", settings != null && u.isAdmin() && settings.webhooks()
        ? String.join(", ", settings.eventTypes())
        : "");
    params.put("tested", Optional.ofNullable(ctx.queryParam("tested")).orElse(""));
    render(ctx, "settings.jte", params);
  }

  private void createKey(Context ctx) {
    require(ctx, user(ctx).isAdmin() && settings != null);
    String key = settings.createKey(user(ctx).tenant(), ctx.formParam("name"),
        ctx.formParam("role"));
    Map<String, Object> params = new HashMap<>();
    params.put("page", page(ctx, "settings.title"));
    params.put("secretLabel", messages(ctx).t("settings.keys.shown.once"));
    params.put("secret", key);
    // why: a secret shown once must not be kept by a cache or the browser's history
    ctx.header("Cache-Control", "no-store");
    render(ctx, "shown-once.jte", params);
  }

  private void revokeKey(Context ctx) {
    require(ctx, user(ctx).isAdmin() && settings != null);
    settings.revokeKey(user(ctx).tenant(), ctx.pathParam("id"));
    ctx.redirect("/ui/settings", HttpStatus.SEE_OTHER);
  }

  private void addWebhook(Context ctx) {
    require(ctx, user(ctx).isAdmin() && settings != null && settings.webhooks());
    String secret;
    try {
      secret = settings.addWebhook(user(ctx).tenant(), ctx.formParam("url"),
          ctx.formParam("events"));
    } catch (BatonException e) {
      throw new DashboardError(422, e.getMessage());
    }
    Map<String, Object> params = new HashMap<>();
    params.put("page", page(ctx, "settings.title"));
    params.put("secretLabel", messages(ctx).t("settings.webhooks.secret"));
    params.put("secret", secret);
    // why: a secret shown once must not be kept by a cache or the browser's history
    ctx.header("Cache-Control", "no-store");
    render(ctx, "shown-once.jte", params);
  }

  private void deleteWebhook(Context ctx) {
    require(ctx, user(ctx).isAdmin() && settings != null && settings.webhooks());
    try {
      settings.deleteWebhook(user(ctx).tenant(), ctx.pathParam("id"));
    } catch (BatonException e) {
      throw new DashboardError(404, messages(ctx).t("error.notfound"));
    }
    ctx.redirect("/ui/settings#webhooks", HttpStatus.SEE_OTHER);
  }

  private void testWebhook(Context ctx) {
    require(ctx, user(ctx).isAdmin() && settings != null && settings.webhooks());
    String hook = ctx.pathParam("id");
    try {
      settings.testWebhook(user(ctx).tenant(), hook);
    } catch (BatonException e) {
      throw new DashboardError(404, messages(ctx).t("error.notfound"));
    }
    ctx.redirect("/ui/settings?tested=" + java.net.URLEncoder.encode(hook,
        StandardCharsets.UTF_8) + "#webhooks", HttpStatus.SEE_OTHER);
  }
}
