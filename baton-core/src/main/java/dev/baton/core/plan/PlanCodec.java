package dev.baton.core.plan;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.json.Json;
import dev.baton.core.json.StrictJson;
import dev.baton.core.text.Visible;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes plans as JSON. Reading reports every shape problem at once, each located by a
 * JSON pointer into the document, and returns nothing half-built.
 */
public final class PlanCodec {
  private static final Set<String> STEP_FIELDS =
      Set.of("id", "tool", "args", "title", "after", "optional");

  private PlanCodec() {}

  /**
   * Parses plan JSON text strictly (see {@link StrictJson}).
   *
   * @throws BatonException PLAN_MALFORMED with every problem found, each located
   */
  public static Plan parse(String text) {
    return read(StrictJson.parse(text, ErrorCode.PLAN_MALFORMED, "The plan"));
  }

  /**
   * Parses a plan file's bytes: strict UTF-8 (a malformed byte is reported with its line and
   * column; a leading byte-order mark is allowed), then strict JSON.
   *
   * @throws BatonException PLAN_MALFORMED with every problem found, each located
   */
  public static Plan parse(byte[] utf8) {
    return read(StrictJson.parse(utf8, ErrorCode.PLAN_MALFORMED, "The plan"));
  }

  /** Reads a plan from a JSON tree. @throws BatonException PLAN_MALFORMED with every problem found */
  public static Plan read(JsonNode root) {
    List<Problem> problems = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw BatonException.invalid(ErrorCode.PLAN_MALFORMED, "The plan is malformed:",
          List.of(new Problem("", "a plan must be a JSON object with a \"steps\" array")));
    }
    // why: a plan from a model arrives as a tree, not text; its numbers get the same check
    problems.addAll(StrictJson.numberProblems(root));
    for (String name : root.propertyNames()) {
      if (!name.equals("steps") && !name.equals("$schema")) {
        problems.add(new Problem("/" + Visible.quote(name), "unknown field; a plan has only"
            + " \"steps\""));
      }
    }
    JsonNode list = root.get("steps");
    if (list == null || !list.isArray()) {
      problems.add(new Problem("/steps", "missing or not an array"));
    } else if (list.isEmpty()) {
      problems.add(new Problem("/steps", "a plan needs at least one step"));
    } else {
      for (int i = 0; i < list.size(); i++) {
        Step step = readStep(list.get(i), "/steps/" + i, problems);
        if (step != null) {
          steps.add(step);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw BatonException.invalid(ErrorCode.PLAN_MALFORMED, "The plan is malformed:", problems);
    }
    return new Plan(steps);
  }

  private static Step readStep(JsonNode node, String at, List<Problem> problems) {
    if (!node.isObject()) {
      problems.add(new Problem(at, "a step must be a JSON object"));
      return null;
    }
    int before = problems.size();
    for (String name : node.propertyNames()) {
      if (!STEP_FIELDS.contains(name)) {
        problems.add(new Problem(at + "/" + Visible.quote(name), "unknown field; a step has "
            + STEP_FIELDS));
      }
    }
    String id = text(node, "id", at, problems, true);
    if (id != null && !StepId.isValid(id)) {
      problems.add(new Problem(at + "/id",
          "'" + Visible.quote(id) + "' is not a valid step id (a letter, then letters, digits, '_' or '-')"));
    }
    String tool = text(node, "tool", at, problems, true);
    JsonNode args = node.get("args");
    if (args != null && !args.isObject()) {
      problems.add(new Problem(at + "/args", "must be a JSON object"));
    }
    Title title = Title.NONE;
    JsonNode t = node.get("title");
    if (t != null) {
      if (t.isString()) {
        title = new Title(null, t.asString());
      } else if (t.isObject()) {
        title = new Title(text(t, "he", at + "/title", problems, false),
            text(t, "en", at + "/title", problems, false));
      } else {
        problems.add(new Problem(at + "/title", "must be a string or {\"he\": …, \"en\": …}"));
      }
    }
    List<StepId> after = new ArrayList<>();
    JsonNode a = node.get("after");
    if (a != null) {
      if (!a.isArray()) {
        problems.add(new Problem(at + "/after", "must be an array of step ids"));
      } else {
        for (int j = 0; j < a.size(); j++) {
          JsonNode d = a.get(j);
          if (d.isString() && StepId.isValid(d.asString())) {
            after.add(StepId.of(d.asString()));
          } else {
            problems.add(new Problem(at + "/after/" + j, "must be a step id"));
          }
        }
      }
    }
    JsonNode opt = node.get("optional");
    if (opt != null && !opt.isBoolean()) {
      problems.add(new Problem(at + "/optional", "must be true or false"));
    }
    if (problems.size() > before) {
      return null;
    }
    return new Step(StepId.of(id), tool, args == null ? null : (ObjectNode) args, title, after,
        opt != null && opt.asBoolean());
  }

  private static String text(JsonNode node, String field, String at, List<Problem> problems,
      boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problems.add(new Problem(at + "/" + field, "missing"));
      }
      return null;
    }
    if (!v.isString() || v.asString().isBlank()) {
      problems.add(new Problem(at + "/" + field, "must be a non-empty string"));
      return null;
    }
    return v.asString();
  }

  public static ObjectNode toJson(Plan plan) {
    ObjectNode root = Json.object();
    ArrayNode list = root.putArray("steps");
    for (Step s : plan.steps()) {
      ObjectNode n = list.addObject();
      n.put("id", s.id().value());
      n.put("tool", s.tool());
      n.set("args", s.args());
      if (s.title().he() != null || s.title().en() != null) {
        ObjectNode t = n.putObject("title");
        if (s.title().he() != null) {
          t.put("he", s.title().he());
        }
        if (s.title().en() != null) {
          t.put("en", s.title().en());
        }
      }
      if (!s.after().isEmpty()) {
        ArrayNode a = n.putArray("after");
        s.after().forEach(d -> a.add(d.value()));
      }
      if (s.optional()) {
        n.put("optional", true);
      }
    }
    return root;
  }

  public static String write(Plan plan) {
    return Json.write(toJson(plan));
  }
}
