package dev.baton.planner;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Every value a tool's output schema promises, as a JSON pointer with its type: arrays both whole
 * and by their first element ({@code /matches/0/email}), so a planner can point an argument at
 * exactly the value it needs. Pure.
 */
final class OutputPaths {
  private static final int MAX_DEPTH = 4;

  private OutputPaths() {}

  /**
   * One promised value. {@code type} is the JSON type ("string", "array", ...), {@code items} the
   * element type of an array (else null), {@code name} the property it is held in.
   */
  record Produced(String pointer, String name, String type, String items, boolean indexed) {}

  static List<Produced> of(JsonNode schema) {
    List<Produced> out = new ArrayList<>();
    walk(schema, schema, "", "", false, 0, out);
    return out;
  }

  private static void walk(JsonNode root, JsonNode schema, String at, String name,
      boolean indexed, int depth, List<Produced> out) {
    schema = deref(root, schema);
    String type = type(schema);
    if (!at.isEmpty()) {
      String items = "array".equals(type) ? type(deref(root, schema.path("items"))) : null;
      out.add(new Produced(at, name, type, items, indexed));
    }
    if (depth >= MAX_DEPTH) {
      return;
    }
    if ("object".equals(type)) {
      for (var e : schema.path("properties").properties()) {
        walk(root, e.getValue(), at + "/" + e.getKey(), e.getKey(), indexed, depth + 1, out);
      }
    } else if ("array".equals(type) && schema.has("items")) {
      walk(root, schema.get("items"), at + "/0", name, true, depth + 1, out);
    }
  }

  static JsonNode deref(JsonNode root, JsonNode schema) {
    int guard = 0;
    while (schema.has("$ref") && guard++ < 16) {
      String ref = schema.get("$ref").asString();
      if (!ref.startsWith("#")) {
        return schema;
      }
      JsonNode target = root.at(JsonPointer.compile(ref.substring(1)));
      if (target.isMissingNode()) {
        return schema;
      }
      schema = target;
    }
    return schema;
  }

  /** The schema's type, ignoring "null"; "object" when it only lists properties. */
  static String type(JsonNode schema) {
    JsonNode t = schema.get("type");
    if (t == null) {
      return schema.has("properties") ? "object" : null;
    }
    if (t.isString()) {
      return t.asString();
    }
    for (JsonNode x : t) {
      if (!"null".equals(x.asString())) {
        return x.asString();
      }
    }
    return null;
  }
}
