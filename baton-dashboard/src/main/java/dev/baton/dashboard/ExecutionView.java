package dev.baton.dashboard;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.Question;
import dev.baton.core.exec.StepState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.model.ModelPrices;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the live page shows of one execution, made from its folded state and its event log. Pure:
 * state, events, catalogue and "now" in; text and pictures (already escaped) out.
 */
public record ExecutionView(String id, String request, ExecutionStatus status, int finished,
    int total, String duration, int attempts, int modelCalls, long tokens, String cost,
    String graphSvg, String timelineSvg, List<StepRow> steps, List<LogLine> logs,
    List<ApprovalCard> approvals, List<QuestionCard> questions, Result result, long lastSeq,
    List<ModelRow> models) {

  /** One step's row: state, time, attempts, cache, waits, and its input and output folded. */
  public record StepRow(String id, String label, String tool, String statusClass, String mark,
      String duration, int attempts, boolean cached, String waits, String inputHtml,
      String outputHtml, String error) {}

  public record LogLine(long seq, String time, String step, String level, String message) {}

  /** A pending approval: the tool's own words, every field editable, where values came from. */
  public record ApprovalCard(String id, String execution, String stepLabel, String tool,
      String preview, List<SchemaForm.Field> fields, String argumentsHtml) {}

  /** A pending question: what is asked, candidates with reasons, or a value to fill. */
  public record QuestionCard(String id, String execution, String stepLabel, String prompt,
      List<Candidate> candidates, String kind, String inputHtml, List<SchemaForm.Field> fields) {
    /** The input type for a value to fill: e-mail, date, or text. */
    public String inputType() {
      return switch (kind) {
        case "email" -> "email";
        case "date" -> "date";
        default -> "text";
      };
    }
  }

  /** A candidate as offered: {@code number} (from 1) is what the form posts back. */
  public record Candidate(int number, String value, String label, String reason) {}

  /** What was done, for the result panel; parts are null when the plan did not do them. */
  public record Result(String meetingTitle, String meetingWhen, String meetingWith,
      String meetingLink, String documentPath, String summary) {
    public boolean empty() {
      return meetingWhen == null && documentPath == null && summary == null;
    }
  }

  public record ModelRow(String model, int calls, long inputTokens, long outputTokens) {}

  public boolean ended() {
    return status == ExecutionStatus.SUCCEEDED || status == ExecutionStatus.FAILED
        || status == ExecutionStatus.CANCELLED;
  }

  public boolean paused() {
    return status == ExecutionStatus.PAUSED;
  }

  public String statusClass() {
    return Labels.statusClass(status);
  }

  public int percent() {
    return total == 0 ? 0 : finished * 100 / total;
  }

  /** A key that changes exactly when the set of pending human steps does. */
  public String pendingKey() {
    StringBuilder k = new StringBuilder();
    approvals.forEach(a -> k.append(a.id()).append(','));
    questions.forEach(q -> k.append(q.id()).append(','));
    return k.toString();
  }

  /** {@link #pendingKey()} straight from a state. */
  static String pendingKeyOf(ExecutionState state) {
    StringBuilder k = new StringBuilder();
    state.pendingApprovals().forEach(a -> k.append(a.id().value()).append(','));
    state.pendingQuestions().forEach(q -> k.append(q.id().value()).append(','));
    return k.toString();
  }

  public static ExecutionView of(ExecutionState state, List<Event> events, ToolCatalog catalog,
      Map<StepId, String> reasons, Messages m, ZoneId zone, Instant now, ModelPrices prices) {
    return of(state, events, catalog, reasons, m, zone, now, prices, true);
  }

  /**
   * As above; without {@code context} the steps' inputs and outputs are not rendered (the live
   * stream does not send the context tab, so a large plan's updates stay cheap).
   */
  public static ExecutionView of(ExecutionState state, List<Event> events, ToolCatalog catalog,
      Map<StepId, String> reasons, Messages m, ZoneId zone, Instant now, ModelPrices prices,
      boolean context) {
    var plan = state.plan();
    Map<StepId, StepStatus> statuses = new HashMap<>();
    Map<StepId, List<String>> waits = new HashMap<>();
    Map<StepId, JsonNode> inputs = new HashMap<>();
    List<LogLine> logs = new ArrayList<>();
    int attempts = 0;
    for (Event e : events) {
      switch (e) {
        case Event.StepStage s -> {
          String w = switch (s.stage()) {
            case CACHE_HIT -> m.t("wait.cache.hit");
            case RATE_LIMITED -> m.t("wait.rate");
            case LOCK_WAITING -> m.t("wait.lock");
            default -> null;
          };
          if (w != null) {
            waits.computeIfAbsent(s.step(), k -> new ArrayList<>()).add(w);
          }
        }
        case Event.ApprovalRequested a -> waits.computeIfAbsent(a.step(),
            k -> new ArrayList<>()).add(m.t("wait.approval"));
        case Event.AttemptStarted a -> {
          inputs.put(a.step(), a.input());
          attempts++;
        }
        case Event.StepLogged l -> logs.add(new LogLine(l.seq(), Format.time(l.at(), zone),
            l.step().value(), l.level(), l.message()));
        case Event.StatusChanged s -> logs.add(new LogLine(s.seq(), Format.time(s.at(), zone),
            "", "INFO", m.t("status." + Labels.statusClass(s.to()))
                + (s.reason() == null ? "" : " — " + s.reason())));
        default -> {
        }
      }
    }
    List<StepRow> rows = new ArrayList<>();
    if (plan != null) {
      for (Step step : plan.steps()) {
        StepState s = state.steps().get(step.id());
        StepStatus st = s == null ? StepStatus.PENDING : s.status();
        statuses.put(step.id(), st);
        Duration d = s == null || s.startedAt() == null ? null
            : Duration.between(s.startedAt(), s.finishedAt() == null ? now : s.finishedAt());
        JsonNode input = inputs.get(step.id());
        rows.add(new StepRow(step.id().value(), Labels.step(step, m.lang()), step.tool(),
            Labels.statusClass(st), Labels.mark(st), d == null ? "" : Format.duration(d),
            s == null ? 0 : s.attempts(), s != null && s.cached(),
            String.join(", ", waits.getOrDefault(step.id(), List.of())),
            context ? JsonView.html(input == null ? step.argsView() : input) : "",
            !context || s == null || s.output() == null ? "" : JsonView.html(s.output()),
            s == null || s.error() == null ? null : s.error().message()));
      }
    }
    List<ApprovalCard> approvals = new ArrayList<>();
    for (Approval a : state.pendingApprovals()) {
      JsonNode schema = catalog.find(a.tool()).map(t -> (JsonNode) t.descriptor().inputSchema())
          .orElse(null);
      ObjectNode args = a.arguments();
      approvals.add(new ApprovalCard(a.id().value(), state.id().value(),
          label(plan, a.step(), m), a.tool(), a.preview(),
          schema == null ? List.of() : SchemaForm.fields(schema, args), JsonView.html(args)));
    }
    List<QuestionCard> questions = new ArrayList<>();
    for (Question q : state.pendingQuestions()) {
      List<Candidate> candidates = new ArrayList<>();
      for (JsonNode c : q.input().path("candidates")) {
        JsonNode value = c.has("value") ? c.get("value") : c;
        candidates.add(new Candidate(candidates.size() + 1, value.toString(), c.path("label").asString(
            value.isString() ? value.asString() : value.toString()), c.path("reason").asString("")));
      }
      questions.add(new QuestionCard(q.id().value(), state.id().value(),
          label(plan, q.step(), m), q.input().path("question").asString(""), candidates,
          q.input().path("kind").asString(""), JsonView.html(q.input()),
          // why: a running call's question (an MCP server's form) is answered field by field
          q.fromCall() ? SchemaForm.fields(q.answerSchema(), null) : List.of()));
    }
    var usage = state.usage();
    BigDecimal cost = BigDecimal.ZERO;
    List<ModelRow> models = new ArrayList<>();
    for (var u : state.usageByModel().entrySet()) {
      models.add(new ModelRow(u.getKey(), u.getValue().calls(), u.getValue().inputTokens(),
          u.getValue().outputTokens()));
      cost = cost.add(prices.of(u.getKey()).map(p -> p.cost(u.getValue().inputTokens(),
          u.getValue().outputTokens())).orElse(BigDecimal.ZERO));
    }
    Instant end = state.status().terminal() ? state.updatedAt() : now;
    List<Timeline.Span> spans = plan == null ? List.of() : Timeline.spans(plan, events, m.lang());
    return new ExecutionView(state.id().value(), state.request(), state.status(),
        state.finishedSteps(), state.steps().size(),
        Format.duration(Duration.between(state.createdAt(), end)), attempts, usage.calls(),
        usage.totalTokens(), Format.dollars(cost.doubleValue()),
        plan == null ? "" : PlanGraphSvg.svg(plan, statuses, reasons, m),
        Timeline.svg(spans, end, m), rows, logs, approvals, questions, result(state), 
        state.lastSeq(), models);
  }

  private static String label(dev.baton.core.plan.Plan plan, StepId step, Messages m) {
    return plan == null ? step.value() : plan.step(step).map(s -> Labels.step(s, m.lang()))
        .orElse(step.value());
  }

  /** The meeting, the document and the summary the execution produced, from the outputs. */
  static Result result(ExecutionState state) {
    String title = null, when = null, with = null, link = null, path = null, summary = null;
    if (state.plan() == null) {
      return new Result(null, null, null, null, null, null);
    }
    for (Step step : state.plan().steps()) {
      StepState s = state.steps().get(step.id());
      if (s == null || s.output() == null || s.status() != StepStatus.SUCCEEDED) {
        continue;
      }
      JsonNode out = s.output();
      switch (step.tool()) {
        case "calendar.create_event" -> {
          title = out.path("title").asString(null);
          when = out.path("when").asString(null);
          List<String> people = new ArrayList<>();
          out.path("attendees").forEach(a -> people.add(a.asString()));
          with = String.join(", ", people);
          link = out.path("link").asString(null);
        }
        case "editor.write" -> path = out.path("path").asString(null);
        case "analysis.summarize" -> summary = out.path("summary").asString(null);
        default -> {
        }
      }
    }
    return new Result(title, when, with, link, path, summary);
  }

  static Map<StepId, String> noReasons() {
    return new LinkedHashMap<>();
  }
}
