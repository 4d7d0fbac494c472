package dev.baton.server;

import dev.baton.core.engine.Submission;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.Question;
import dev.baton.core.exec.StepState;
import dev.baton.core.json.Json;
import dev.baton.core.json.StrictJson;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.Step;
import dev.baton.server.auth.Principal;
import dev.baton.server.auth.Role;
import dev.baton.server.stream.EventFeed;
import dev.baton.server.stream.SseWriter;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Baton executions as Agent-User Interaction Protocol runs ({@code POST /api/v1/agui}): the
 * thread is the execution ({@code threadId} is its id). A run on a new thread starts the
 * execution (from {@code forwardedProps.plan}, else the last user message as the request); each
 * run streams, as AG-UI events over SSE, the execution's steps (STEP_STARTED/FINISHED), tool calls
 * with their arguments and results, a STATE_SNAPSHOT and JSON Patch STATE_DELTAs of the status
 * and each step's status, and ends with RUN_FINISHED: an {@code interrupt} outcome naming every
 * pending approval and question when the execution waits for a person, {@code success} (with the
 * steps' outputs as the result) when it succeeded, {@code cancelled}, or RUN_ERROR when it failed.
 * The next run on the thread carries {@code resume} entries: for an approval,
 * {@code {"approved": true|false, "arguments": {…}, "comment"|"reason": "…"}}; for a question,
 * {@code {"answer": …}}; a cancelled entry rejects.
 */
final class AgUi {
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final ServerContext context;

  AgUi(ServerContext context) {
    this.context = context;
  }

  void run(Context ctx, Principal p) throws IOException, InterruptedException {
    JsonNode input = StrictJson.parse(ctx.bodyAsBytes(), ErrorCode.REQUEST_INVALID,
        "The run input");
    String threadId = text(input, "threadId");
    String runId = text(input, "runId");
    ExecutionId id;
    try {
      id = ExecutionId.of(threadId);
    } catch (IllegalArgumentException e) {
      throw Body.located("threadId", "must be an execution id (letters, digits, '-' and '_',"
          + " at most 64)");
    }
    var summary = context.app().store().summary(id);
    if (summary.isPresent() && !summary.get().tenant().equals(p.tenant())) {
      throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "no execution with id '"
          + ApiRoutes.shorten(threadId) + "'");
    }
    long afterSeq = 0;
    if (summary.isEmpty()) {
      p.require(Role.OPERATOR);
      context.app().engine().submit(submission(input, p, id));
    } else {
      afterSeq = context.app().store().load(id).lastSeq();
      resume(input.get("resume"), p);
    }
    stream(ctx, p, id, threadId, runId, afterSeq);
  }

  private static String text(JsonNode input, String field) {
    JsonNode v = input.get(field);
    if (v == null || !v.isString() || v.asString().isBlank()) {
      throw Body.located(field, "is required");
    }
    return v.asString();
  }

  private Submission submission(JsonNode input, Principal p, ExecutionId id) {
    JsonNode plan = input.path("forwardedProps").get("plan");
    String request = null;
    JsonNode messages = input.get("messages");
    if (messages != null && messages.isArray()) {
      for (JsonNode m : messages) {
        if ("user".equals(m.path("role").asString("")) && m.path("content").isString()) {
          request = m.get("content").asString();
        }
      }
    }
    Submission s;
    if (plan != null && !plan.isNull()) {
      Plan parsed = PlanCodec.read(plan);
      s = Submission.of(parsed).withRequest(request);
    } else if (request != null && !request.isBlank()) {
      s = Submission.ofRequest(request);
    } else {
      throw Body.located("messages", "a new thread needs a user message (the request) or"
          + " forwardedProps.plan");
    }
    return s.withTenant(p.tenant()).withId(id);
  }

  /** Applies the answers a resumed run carries. */
  private void resume(JsonNode resume, Principal p) {
    if (resume == null || !resume.isArray() || resume.isEmpty()) {
      return;
    }
    p.require(Role.APPROVER);
    for (JsonNode entry : resume) {
      String interrupt = entry.path("interruptId").asString("");
      ApprovalId aid;
      try {
        aid = ApprovalId.of(interrupt);
      } catch (RuntimeException e) {
        throw Body.located("resume", "unknown interrupt '" + ApiRoutes.shorten(interrupt) + "'");
      }
      ExecutionState state = context.app().store().load(aid.execution());
      boolean resolved = "resolved".equals(entry.path("status").asString(""));
      JsonNode payload = entry.path("payload");
      var engine = context.app().engine();
      if (state.questions().containsKey(aid)) {
        if (resolved) {
          engine.answer(aid, payload.has("answer") ? payload.get("answer") : payload, p.name());
        }
      } else if (resolved && payload.path("approved").asBoolean(true)) {
        JsonNode args = payload.get("arguments");
        engine.approve(aid, args instanceof ObjectNode o ? o : null, p.name(),
            payload.path("comment").asString(null));
      } else {
        engine.reject(aid, p.name(), payload.path("reason").asString(resolved ? "rejected"
            : "cancelled in the AG-UI client"));
      }
    }
  }

  private void stream(Context ctx, Principal p, ExecutionId id, String threadId, String runId,
      long afterSeq) throws IOException, InterruptedException {
    EventFeed feed = context.events();
    long position = feed.head();
    SseWriter out = SseWriter.start(ctx, RETRY);
    Run run = new Run(out, threadId, runId);
    run.send(Json.object().put("type", "RUN_STARTED").put("threadId", threadId)
        .put("runId", runId));
    try {
      follow(out, run, p, id, afterSeq, position);
    } catch (BatonException e) {
      // why: the stream has begun; a failure now is the run's error, not an HTTP status
      run.send(Json.object().put("type", "RUN_ERROR").put("message",
          dev.baton.core.text.Redactor.clean(e.getMessage())).put("code", e.code().name()));
    }
  }

  private void follow(SseWriter out, Run run, Principal p, ExecutionId id, long afterSeq,
      long position) throws IOException, InterruptedException {
    EventFeed feed = context.events();
    List<Event> past = context.app().store().events(id, 0);
    // why: a new thread's run shows the execution from its very first event
    long known = Math.max(1, afterSeq);
    ExecutionState state = ExecutionState.replay(past.stream().filter(e -> e.seq() <= known)
        .toList());
    afterSeq = known;
    run.send(Json.object().put("type", "STATE_SNAPSHOT").set("snapshot", snapshot(state)));
    long lastSeq = afterSeq;
    for (Event e : past) {
      if (e.seq() > lastSeq) {
        state.apply(e);
        if (run.translate(e, state)) {
          return;
        }
        lastSeq = e.seq();
      }
    }
    if (run.endIfStill(state)) {
      return;
    }
    while (!feed.closed()) {
      if (!feed.await(position, context.options().heartbeat())) {
        out.heartbeat();
        continue;
      }
      long head = feed.head();
      List<EventFeed.FeedEvent> batch = feed.after(position, p.tenant(), 500);
      if (batch.isEmpty()) {
        position = Math.max(position, head);
        continue;
      }
      for (EventFeed.FeedEvent fe : batch) {
        position = fe.position();
        Event e = fe.event();
        if (!e.execution().equals(id) || e.seq() <= lastSeq) {
          continue;
        }
        if (e.seq() > lastSeq + 1) {
          for (Event missed : context.app().store().events(id, lastSeq)) {
            if (missed.seq() >= e.seq()) {
              break;
            }
            state.apply(missed);
            if (run.translate(missed, state)) {
              return;
            }
            lastSeq = missed.seq();
          }
        }
        state.apply(e);
        if (run.translate(e, state)) {
          return;
        }
        lastSeq = e.seq();
      }
    }
  }

  static ObjectNode snapshot(ExecutionState s) {
    ObjectNode o = Json.object().put("executionId", s.id().value())
        .put("status", Views.wire(s.status()));
    ObjectNode steps = o.putObject("steps");
    if (s.plan() != null) {
      for (Step step : s.plan().steps()) {
        StepState st = s.step(step.id());
        steps.putObject(step.id().value()).put("tool", step.tool())
            .put("status", st == null ? "pending" : Views.wire(st.status()));
      }
    }
    return o;
  }

  /** One run's events: which steps it opened, which calls it made. */
  private static final class Run {
    private final SseWriter out;
    private final String threadId;
    private final String runId;
    private final Set<String> openSteps = new LinkedHashSet<>();
    private final Map<String, String> lastCall = new HashMap<>();

    Run(SseWriter out, String threadId, String runId) {
      this.out = out;
      this.threadId = threadId;
      this.runId = runId;
    }

    void send(ObjectNode event) throws IOException {
      out.event(null, null, Json.write(event));
    }

    /** Sends what {@code e} means to an AG-UI client; true when the run has ended. */
    boolean translate(Event e, ExecutionState s) throws IOException {
      switch (e) {
        case Event.PlanVersionCreated v -> send(delta("replace", "", snapshot(s)));
        case Event.StepStarted st -> startStep(st.step().value());
        case Event.AttemptStarted a -> {
          String step = a.step().value();
          startStep(step);
          String call = s.id().value() + "." + step + "." + a.attempt();
          lastCall.put(step, call);
          send(Json.object().put("type", "TOOL_CALL_START").put("toolCallId", call)
              .put("toolCallName", s.plan().step(a.step()).map(Step::tool).orElse("unknown")));
          send(Json.object().put("type", "TOOL_CALL_ARGS").put("toolCallId", call)
              .put("delta", a.input() == null ? "{}" : Json.write(a.input())));
          send(Json.object().put("type", "TOOL_CALL_END").put("toolCallId", call));
        }
        case Event.StepSucceeded ok -> {
          String step = ok.step().value();
          String call = lastCall.get(step);
          if (call != null) {
            send(Json.object().put("type", "TOOL_CALL_RESULT").put("messageId", "result-" + call)
                .put("toolCallId", call).put("role", "tool")
                .put("content", ok.output() == null ? "null" : Json.write(ok.output())));
          }
          stepDelta(s, step);
          finishStep(step);
        }
        case Event.StepFailed f -> {
          stepDelta(s, f.step().value());
          finishStep(f.step().value());
        }
        case Event.StepSkipped k -> {
          stepDelta(s, k.step().value());
          if (openSteps.contains(k.step().value())) {
            finishStep(k.step().value());
          }
        }
        case Event.StepCancelled c -> {
          stepDelta(s, c.step().value());
          if (openSteps.contains(c.step().value())) {
            finishStep(c.step().value());
          }
        }
        case Event.StatusChanged c -> {
          send(delta("replace", "/status", Json.mapper().getNodeFactory()
              .stringNode(Views.wire(c.to()))));
          return endIfStill(s);
        }
        default -> {
        }
      }
      return false;
    }

    /** Ends the run if the execution waits for a person or has ended; true when it did. */
    boolean endIfStill(ExecutionState s) throws IOException {
      ExecutionStatus status = s.status();
      if (status.terminal()) {
        closeSteps();
        if (status == ExecutionStatus.FAILED) {
          send(Json.object().put("type", "RUN_ERROR").put("message", s.statusReason() == null
              ? "the execution failed" : s.statusReason()).put("code", "EXECUTION_FAILED"));
          return true;
        }
        ObjectNode done = Json.object().put("type", "RUN_FINISHED").put("threadId", threadId)
            .put("runId", runId);
        if (status == ExecutionStatus.CANCELLED) {
          done.putObject("outcome").put("type", "cancelled");
        } else {
          done.putObject("outcome").put("type", "success");
          ObjectNode result = done.putObject("result");
          s.outputs().forEach((k, v) -> result.set(k.value(), v));
        }
        send(done);
        return true;
      }
      if (status.waitingForPerson() && (!s.pendingApprovals().isEmpty()
          || !s.pendingQuestions().isEmpty())) {
        closeSteps();
        ObjectNode done = Json.object().put("type", "RUN_FINISHED").put("threadId", threadId)
            .put("runId", runId);
        ObjectNode outcome = done.putObject("outcome").put("type", "interrupt");
        ArrayNode interrupts = outcome.putArray("interrupts");
        for (Approval a : s.pendingApprovals()) {
          ObjectNode i = interrupts.addObject().put("id", a.id().value())
              .put("reason", "approval");
          i.put("message", a.preview() != null ? a.preview() : "approve " + a.tool() + " ("
              + a.step().value() + ")");
          String call = lastCall.get(a.step().value());
          if (call != null) {
            i.put("toolCallId", call);
          }
          if (a.expiresAt() != null) {
            i.put("expiresAt", a.expiresAt().toString());
          }
          i.set("responseSchema", Json.parse("""
              {"type": "object", "properties": {"approved": {"type": "boolean"},
               "arguments": {"type": "object"}, "comment": {"type": "string"},
               "reason": {"type": "string"}}}""", ErrorCode.INTERNAL, "schema"));
          ObjectNode meta = i.putObject("metadata");
          meta.put("tool", a.tool());
          meta.set("arguments", a.arguments());
        }
        for (Question q : s.pendingQuestions()) {
          ObjectNode i = interrupts.addObject().put("id", q.id().value())
              .put("reason", "question");
          i.put("message", q.input().path("question").asString("answer " + q.step().value()));
          i.putObject("metadata").set("input", q.input());
        }
        send(done);
        return true;
      }
      return false;
    }

    private void startStep(String step) throws IOException {
      if (openSteps.add(step)) {
        send(Json.object().put("type", "STEP_STARTED").put("stepName", step));
      }
    }

    private void finishStep(String step) throws IOException {
      startStep(step);
      openSteps.remove(step);
      send(Json.object().put("type", "STEP_FINISHED").put("stepName", step));
    }

    private void closeSteps() throws IOException {
      for (String step : List.copyOf(openSteps)) {
        finishStep(step);
      }
    }

    private void stepDelta(ExecutionState s, String step) throws IOException {
      StepState st = s.step(dev.baton.core.plan.StepId.of(step));
      ObjectNode value = Json.object().put("tool", s.plan().step(
          dev.baton.core.plan.StepId.of(step)).map(Step::tool).orElse("unknown")).put("status",
          st == null ? "pending" : Views.wire(st.status()));
      send(delta("add", "/steps/" + step.replace("~", "~0").replace("/", "~1"), value));
    }

    private static ObjectNode delta(String op, String path, JsonNode value) {
      ObjectNode d = Json.object().put("type", path.isEmpty() ? "STATE_SNAPSHOT" : "STATE_DELTA");
      if (path.isEmpty()) {
        d.set("snapshot", value);
        return d;
      }
      d.putArray("delta").addObject().put("op", op).put("path", path).set("value", value);
      return d;
    }
  }
}
