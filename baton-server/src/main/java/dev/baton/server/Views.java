package dev.baton.server;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.PlanVersion;
import dev.baton.core.exec.Question;
import dev.baton.core.exec.StepState;
import dev.baton.core.json.Json;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.Step;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.simulate.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON the API answers with (the shapes its OpenAPI document describes). */
final class Views {
  private Views() {}

  static String wire(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static String time(Instant at) {
    return at == null ? null : at.toString();
  }

  static ObjectNode summary(ExecutionSummary s) {
    ObjectNode n = Json.object();
    n.put("id", s.id().value());
    n.put("tenant", s.tenant());
    n.put("status", wire(s.status()));
    n.put("request", s.request());
    n.put("createdAt", time(s.createdAt()));
    n.put("updatedAt", time(s.updatedAt()));
    n.put("planVersion", s.planVersion());
    n.put("stepsTotal", s.stepsTotal());
    n.put("stepsFinished", s.stepsFinished());
    n.put("lastSeq", s.lastSeq());
    return n;
  }

  static ObjectNode execution(ExecutionState s) {
    ObjectNode n = summary(ExecutionSummary.of(s));
    n.put("statusReason", s.statusReason());
    if (s.planningError() != null) {
      n.set("planningError", error(s.planningError()));
    }
    ArrayNode steps = n.putArray("steps");
    if (s.plan() != null) {
      for (Step step : s.plan().steps()) {
        StepState st = s.step(step.id());
        ObjectNode o = steps.addObject();
        o.put("id", step.id().value());
        o.put("tool", step.tool());
        o.put("status", st == null ? "pending" : wire(st.status()));
        o.put("attempts", st == null ? 0 : st.attempts());
        o.put("optional", step.optional());
        if (st != null) {
          o.put("startedAt", time(st.startedAt()));
          o.put("finishedAt", time(st.finishedAt()));
          o.put("cached", st.cached());
          if (st.output() != null) {
            o.set("output", st.output());
          }
          if (st.error() != null) {
            o.set("error", error(st.error()));
          }
          if (st.note() != null) {
            o.put("note", st.note());
          }
        }
      }
    }
    ArrayNode approvals = n.putArray("pendingApprovals");
    s.pendingApprovals().forEach(a -> approvals.add(approval(a)));
    ArrayNode questions = n.putArray("pendingQuestions");
    s.pendingQuestions().forEach(q -> questions.add(question(q)));
    ObjectNode usage = n.putObject("usage");
    usage.put("modelCalls", s.usage().calls());
    usage.put("inputTokens", s.usage().inputTokens());
    usage.put("outputTokens", s.usage().outputTokens());
    return n;
  }

  static ObjectNode error(ErrorInfo e) {
    ObjectNode o = Json.object();
    o.put("code", e.code().name());
    o.put("message", e.message());
    o.put("retryable", e.retryable());
    return o;
  }

  static ObjectNode approval(Approval a) {
    ObjectNode o = Json.object();
    o.put("id", a.id().value());
    o.put("execution", a.execution().value());
    o.put("step", a.step().value());
    o.put("tool", a.tool());
    o.put("status", wire(a.status()));
    o.set("arguments", a.arguments());
    if (a.editedArguments() != null) {
      o.set("editedArguments", a.editedArguments());
    }
    o.put("preview", a.preview());
    o.put("digest", a.digest());
    o.put("requestedAt", time(a.requestedAt()));
    o.put("expiresAt", time(a.expiresAt()));
    o.put("decidedAt", time(a.decidedAt()));
    o.put("decidedBy", a.decidedBy());
    o.put("comment", a.comment());
    return o;
  }

  static ObjectNode question(Question q) {
    ObjectNode o = Json.object();
    o.put("id", q.id().value());
    o.put("execution", q.execution().value());
    o.put("step", q.step().value());
    o.put("tool", q.tool());
    o.put("status", wire(q.status()));
    o.set("input", q.input());
    if (q.answerSchema() != null) {
      o.set("answerSchema", q.answerSchema());
    }
    if (q.answer() != null) {
      o.set("answer", q.answer());
    }
    o.put("askedAt", time(q.askedAt()));
    o.put("expiresAt", time(q.expiresAt()));
    o.put("answeredAt", time(q.answeredAt()));
    o.put("answeredBy", q.answeredBy());
    return o;
  }

  static ObjectNode version(PlanVersion v) {
    ObjectNode o = Json.object();
    o.put("version", v.version());
    o.put("reason", v.reason());
    o.put("createdAt", time(v.at()));
    o.set("plan", PlanCodec.toJson(v.plan()));
    return o;
  }

  /** An event as JSON: its own fields and {@code type}. */
  static JsonNode event(Event e) {
    return Json.tree(e);
  }

  static ObjectNode simulation(Simulation s) {
    ObjectNode o = Json.object();
    o.put("makespanMs", s.makespan().toMillis());
    o.put("criticalPathMs", s.criticalPathLength().toMillis());
    ArrayNode path = o.putArray("criticalPath");
    s.criticalPath().forEach(id -> path.add(id.value()));
    ArrayNode steps = o.putArray("steps");
    for (Simulation.Timed t : s.steps()) {
      steps.addObject().put("step", t.step().value()).put("tool", t.tool())
          .put("startMs", t.start().toMillis()).put("endMs", t.end().toMillis())
          .put("status", t.status()).put("simulated", t.simulated()).put("note", t.note());
    }
    ArrayNode humans = o.putArray("humanSteps");
    for (Simulation.HumanStep h : s.humanSteps()) {
      humans.addObject().put("order", h.order()).put("step", h.step().value())
          .put("tool", h.tool()).put("question", h.question()).put("atMs", h.at().toMillis())
          .put("preview", h.preview());
    }
    o.put("modelCalls", s.modelCalls());
    o.put("inputTokens", s.inputTokens());
    o.put("outputTokens", s.outputTokens());
    o.put("end", wire(s.end()));
    o.put("sideEffectCalls", s.sideEffectCalls());
    return o;
  }

  static long millis(Duration d) {
    return d == null ? 0 : d.toMillis();
  }
}
