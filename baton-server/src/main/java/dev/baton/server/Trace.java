package dev.baton.server;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.StepState;
import dev.baton.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One execution as a tree of spans read from its log (the same spans the engine reports to
 * OpenTelemetry): the execution, a span per step, and under each step a span per attempt and per
 * wait for a person; plus the execution's figures (durations, attempts, retries, cache hits,
 * tokens).
 */
final class Trace {
  private Trace() {}

  static ObjectNode of(List<Event> events) {
    ObjectNode root = Json.object();
    if (events.isEmpty()) {
      return root;
    }
    Event first = events.get(0);
    root.put("name", "execution");
    root.put("execution", first.execution().value());
    root.put("start", Views.time(first.at()));
    Map<String, ObjectNode> steps = new LinkedHashMap<>();
    Map<String, ObjectNode> attempts = new LinkedHashMap<>();
    ArrayNode children = root.putArray("children");
    Instant end = first.at();
    for (Event e : events) {
      end = e.at() != null && e.at().isAfter(end) ? e.at() : end;
      switch (e) {
        case Event.StepStarted s -> {
          ObjectNode span = children.addObject().put("name", "step " + s.step().value())
              .put("step", s.step().value()).put("start", Views.time(s.at()));
          span.putArray("children");
          steps.put(s.step().value(), span);
        }
        case Event.AttemptStarted a -> {
          ObjectNode step = steps.get(a.step().value());
          if (step != null) {
            ObjectNode span = ((ArrayNode) step.get("children")).addObject()
                .put("name", "attempt " + a.attempt()).put("attempt", a.attempt())
                .put("start", Views.time(a.at()));
            attempts.put(a.step().value(), span);
          }
        }
        case Event.AttemptFailed f -> close(attempts.remove(f.step().value()), f.at(), "failed",
            f.error().code().name());
        case Event.StepSucceeded s -> {
          close(attempts.remove(s.step().value()), s.at(), "succeeded", null);
          ObjectNode step = steps.get(s.step().value());
          if (step == null) {
            // why: a cached result ends a step that started no attempt
            step = children.addObject().put("name", "step " + s.step().value())
                .put("step", s.step().value()).put("start", Views.time(s.at()));
            step.putArray("children");
            steps.put(s.step().value(), step);
          }
          close(step, s.at(), s.cached() ? "cached" : "succeeded", null);
        }
        case Event.StepFailed f -> {
          close(attempts.remove(f.step().value()), f.at(), "failed", f.error().code().name());
          close(steps.get(f.step().value()), f.at(), "failed", f.error().code().name());
        }
        case Event.StepCancelled c -> {
          close(attempts.remove(c.step().value()), c.at(), "cancelled", null);
          close(steps.get(c.step().value()), c.at(), "cancelled", null);
        }
        case Event.ApprovalRequested a -> {
          ObjectNode step = steps.get(a.step().value());
          ArrayNode into = step != null ? (ArrayNode) step.get("children") : children;
          into.addObject().put("name", "approval " + a.approval().value())
              .put("start", Views.time(a.at())).put("approval", a.approval().value());
        }
        case Event.ModelUsed m -> children.addObject().put("name", "model " + m.purpose())
            .put("model", m.model()).put("start", Views.time(m.at()))
            .put("durationMs", Views.millis(m.took())).put("inputTokens", m.inputTokens())
            .put("outputTokens", m.outputTokens());
        default -> {
        }
      }
    }
    root.put("end", Views.time(end));
    root.put("durationMs", Duration.between(first.at(), end).toMillis());
    return root;
  }

  private static void close(ObjectNode span, Instant at, String status, String code) {
    if (span == null) {
      return;
    }
    span.put("end", Views.time(at));
    span.put("status", status);
    Instant start = Instant.parse(span.get("start").asString());
    span.put("durationMs", Duration.between(start, at).toMillis());
    if (code != null) {
      span.put("error", code);
    }
  }

  static ObjectNode metrics(ExecutionState s, List<Event> events) {
    ObjectNode o = Json.object();
    int attempts = 0;
    int retries = 0;
    int cacheHits = 0;
    ArrayNode steps = o.putArray("steps");
    for (StepState st : s.steps().values()) {
      attempts += st.attempts();
      retries += Math.max(0, st.attempts() - 1);
      cacheHits += st.cached() ? 1 : 0;
      ObjectNode step = steps.addObject().put("step", st.id().value())
          .put("status", Views.wire(st.status())).put("attempts", st.attempts())
          .put("cached", st.cached());
      if (st.startedAt() != null && st.finishedAt() != null) {
        step.put("durationMs", Duration.between(st.startedAt(), st.finishedAt()).toMillis());
      }
    }
    o.put("status", Views.wire(s.status()));
    o.put("durationMs", Duration.between(s.createdAt(), s.updatedAt()).toMillis());
    o.put("attempts", attempts);
    o.put("retries", retries);
    o.put("cacheHits", cacheHits);
    long approvals = events.stream().filter(e -> e instanceof Event.ApprovalRequested).count();
    o.put("approvals", approvals);
    o.put("modelCalls", s.usage().calls());
    o.put("inputTokens", s.usage().inputTokens());
    o.put("outputTokens", s.usage().outputTokens());
    return o;
  }
}
