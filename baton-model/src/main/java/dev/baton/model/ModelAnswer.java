package dev.baton.model;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.Problem;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.StepId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the model answered, read against {@link PlanSchema}: a plan with a reason per step, a
 * request it did not understand, or the problems that stop its answer from being a plan. Problem
 * locations are JSON pointers into the model's own answer, so it can find what to fix.
 */
record ModelAnswer(Plan plan, Map<StepId, String> reasons, String notUnderstood,
    List<Problem> problems) {
  ModelAnswer {
    reasons = Map.copyOf(reasons);
    problems = List.copyOf(problems);
  }

  static ModelAnswer read(String text) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(withoutCodeFence(text));
    } catch (JacksonException e) {
      return problem("", "the answer is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return problem("", "the answer must be one JSON object");
    }
    String notUnderstood = root.path("notUnderstood").asString("").strip();
    JsonNode steps = root.get("steps");
    if (!notUnderstood.isEmpty() && (steps == null || steps.isEmpty())) {
      return new ModelAnswer(null, Map.of(), notUnderstood, List.of());
    }
    if (steps == null || !steps.isArray()) {
      return problem("/steps", "missing or not an array");
    }
    Map<StepId, String> reasons = new LinkedHashMap<>();
    ObjectNode plan = Json.object();
    ArrayNode planSteps = plan.putArray("steps");
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      if (!step.isObject()) {
        planSteps.add(step);
        continue;
      }
      ObjectNode copy = ((ObjectNode) step).deepCopy();
      JsonNode reason = copy.remove("reason");
      String id = copy.path("id").asString("");
      if (reason != null && reason.isString() && StepId.isValid(id)) {
        reasons.put(StepId.of(id), reason.asString());
      }
      JsonNode args = copy.get("args");
      if (args != null && args.isString()) {
        try {
          copy.set("args", Json.mapper().readTree(args.asString()));
        } catch (JacksonException e) {
          return problem("/steps/" + i + "/args",
              "must be the text of a JSON object: " + e.getOriginalMessage());
        }
      }
      planSteps.add(copy);
    }
    try {
      return new ModelAnswer(PlanCodec.read(plan), reasons, null, List.of());
    } catch (BatonException e) {
      return new ModelAnswer(null, Map.of(), null, e.problems());
    }
  }

  boolean understood() {
    return notUnderstood == null;
  }

  private static ModelAnswer problem(String location, String message) {
    return new ModelAnswer(null, Map.of(), null, List.of(new Problem(location, message)));
  }

  // why: a provider that only describes the schema in the prompt may wrap its JSON in ```json
  private static String withoutCodeFence(String text) {
    String t = text.strip();
    if (t.startsWith("```") && t.endsWith("```") && t.length() > 6) {
      t = t.substring(t.indexOf('\n') + 1, t.length() - 3);
    }
    return t;
  }
}
