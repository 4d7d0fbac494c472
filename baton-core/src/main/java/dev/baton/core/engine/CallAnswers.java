package dev.baton.core.engine;

import dev.baton.core.json.Json;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Questions that a running call asks (an MCP server's elicitation): what the person sees, and how
 * a plain answer becomes the object the call asked for. Pure functions.
 */
final class CallAnswers {
  private CallAnswers() {}

  /**
   * What to ask, in the shape every human question has ({@code question}, {@code kind}), with
   * the fields the answer has ({@code fields}: name, type, title, description, required).
   */
  static ObjectNode input(String message, ObjectNode answerSchema, String tool) {
    ObjectNode input = Json.object();
    input.put("question", message == null ? "" : message);
    input.put("kind", "call");
    input.put("asked_by", tool);
    var fields = input.putArray("fields");
    JsonNode required = answerSchema.path("required");
    for (Map.Entry<String, JsonNode> p : answerSchema.path("properties").properties()) {
      ObjectNode f = fields.addObject();
      f.put("name", p.getKey());
      f.put("type", p.getValue().path("type").asString("string"));
      copy(p.getValue(), f, "title");
      copy(p.getValue(), f, "description");
      if (p.getValue().has("enum")) {
        f.set("enum", p.getValue().get("enum"));
      }
      boolean isRequired = false;
      for (JsonNode r : required) {
        isRequired |= r.asString("").equals(p.getKey());
      }
      f.put("required", isRequired);
    }
    return input;
  }

  /**
   * The answer as the call asked for it. A question with one field may be answered with its value
   * alone ({@code "Yoav"}, or {@code {"value": "Yoav"}} as the CLI and dashboard send typed text);
   * text is read as the field's type when it is a number or a boolean. Anything else is returned
   * as it is, for the schema check to judge.
   */
  static JsonNode shape(ObjectNode answerSchema, JsonNode answer) {
    JsonNode properties = answerSchema.path("properties");
    if (properties.size() != 1 || answer == null) {
      return answer;
    }
    Iterator<Map.Entry<String, JsonNode>> only = properties.properties().iterator();
    Map.Entry<String, JsonNode> field = only.next();
    JsonNode value;
    if (answer.isObject() && answer.size() == 1 && answer.has("value")
        && !field.getKey().equals("value")) {
      value = answer.get("value");
    } else if (!answer.isObject()) {
      value = answer;
    } else {
      return answer;
    }
    ObjectNode shaped = Json.object();
    shaped.set(field.getKey(), typed(field.getValue().path("type").asString(""), value));
    return shaped;
  }

  private static JsonNode typed(String type, JsonNode value) {
    if (!value.isString()) {
      return value;
    }
    String text = value.asString().strip();
    switch (type) {
      case "integer", "number" -> {
        if (!text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
          return value;
        }
        // why: read as JSON reads numbers, so the answer equals what a client would have sent
        JsonNode n = Json.mapper().readTree(text);
        return type.equals("number") || n.isIntegralNumber() ? n : value;
      }
      case "boolean" -> {
        var nodes = Json.mapper().getNodeFactory();
        return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes")
            ? nodes.booleanNode(true)
            : text.equalsIgnoreCase("false") || text.equalsIgnoreCase("no")
                ? nodes.booleanNode(false) : value;
      }
      default -> {
        return value;
      }
    }
  }

  private static void copy(JsonNode from, ObjectNode to, String name) {
    if (from.has(name)) {
      to.set(name, from.get(name));
    }
  }
}
