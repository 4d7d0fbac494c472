package dev.baton.core.plan;

import dev.baton.core.json.Json;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Walking JSON schemas by instance paths, the little the plan checks need. */
final class SchemaPaths {
  private static final JsonNode ANY = Json.object();

  private SchemaPaths() {}

  /**
   * The sub-schema that describes the value at {@code pointer} in an instance of {@code root};
   * {@code null} when the schema says no such path exists.
   */
  static JsonNode at(JsonNode root, JsonPointer pointer) {
    JsonNode schema = deref(root, root);
    JsonPointer p = pointer;
    while (!p.matches()) {
      String token = p.getMatchingProperty();
      schema = deref(root, schema);
      JsonNode props = schema.get("properties");
      JsonNode items = schema.get("items");
      if (props != null && props.has(token)) {
        schema = props.get(token);
      } else if (items != null && (p.getMatchingIndex() >= 0 || "-".equals(token))) {
        schema = items;
      } else if (schema.has("additionalProperties")
          && schema.get("additionalProperties").isObject()) {
        schema = schema.get("additionalProperties");
      } else if (isOpen(schema)) {
        return ANY;
      } else {
        return null;
      }
      p = p.tail();
    }
    return deref(root, schema);
  }

  private static boolean isOpen(JsonNode schema) {
    boolean typed = schema.has("type") || schema.has("properties") || schema.has("items")
        || schema.has("anyOf") || schema.has("oneOf") || schema.has("enum") || schema.has("const");
    JsonNode extra = schema.get("additionalProperties");
    return !typed || (types(schema).contains("object") && !schema.has("properties")
        && (extra == null || !extra.isBoolean() || extra.asBoolean()));
  }

  private static JsonNode deref(JsonNode root, JsonNode schema) {
    int guard = 0;
    while (schema.has("$ref") && guard++ < 32) {
      String ref = schema.get("$ref").asString();
      if (!ref.startsWith("#")) {
        return ANY;
      }
      JsonNode target = root.at(JsonPointer.compile(ref.substring(1)));
      if (target.isMissingNode()) {
        return ANY;
      }
      schema = target;
    }
    return schema;
  }

  static Set<String> types(JsonNode schema) {
    Set<String> out = new HashSet<>();
    JsonNode t = schema == null ? null : schema.get("type");
    if (t == null) {
      return out;
    }
    if (t.isString()) {
      out.add(t.asString());
    } else {
      t.forEach(x -> out.add(x.asString()));
    }
    return out;
  }

  /**
   * A description of the clash when a value from {@code produced} cannot fit {@code expected} by
   * declared type, or null when it may fit (or either side is untyped).
   */
  static String typeMismatch(JsonNode produced, JsonNode expected) {
    Set<String> from = types(produced);
    Set<String> to = types(expected);
    if (from.isEmpty() || to.isEmpty()) {
      return null;
    }
    for (String f : from) {
      if (to.contains(f) || ("integer".equals(f) && to.contains("number"))) {
        return null;
      }
    }
    return from + " where " + to + " is expected";
  }

  /** A small value that satisfies {@code schema}, standing in for a reference during checks. */
  static JsonNode sample(JsonNode schema, JsonNode root) {
    return sample(schema, root, false);
  }

  /**
   * A value that satisfies {@code schema}; {@code full} also fills every optional property and puts
   * one item in arrays that may hold one, so references into it (such as {@code matches/0/email})
   * resolve.
   */
  static JsonNode sample(JsonNode schema, JsonNode root, boolean full) {
    schema = deref(root, schema);
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.has("enum") && !schema.get("enum").isEmpty()) {
      return schema.get("enum").get(0);
    }
    for (String combinator : new String[] {"anyOf", "oneOf"}) {
      if (schema.has(combinator) && !schema.get(combinator).isEmpty()) {
        return sample(schema.get(combinator).get(0), root, full);
      }
    }
    Set<String> types = types(schema);
    types.remove("null");
    String type = types.isEmpty() ? "null" : types.iterator().next();
    return switch (type) {
      case "string" -> {
        int min = schema.path("minLength").asInt(0);
        String format = schema.path("format").asString("");
        yield f.stringNode(switch (format) {
          case "date-time" -> "2000-01-01T00:00:00Z";
          case "date" -> "2000-01-01";
          case "time" -> "00:00:00Z";
          case "email" -> "someone@example.com";
          case "uri", "url" -> "https://example.com/";
          case "uuid" -> "00000000-0000-0000-0000-000000000000";
          default -> "x".repeat(Math.max(1, min));
        });
      }
      case "integer" -> f.numberNode(schema.path("minimum").asLong(0));
      case "number" -> f.numberNode(schema.path("minimum").asDouble(0));
      case "boolean" -> f.booleanNode(false);
      case "array" -> {
        ArrayNode a = f.arrayNode();
        int min = schema.path("minItems").asInt(0);
        int max = schema.path("maxItems").asInt(Integer.MAX_VALUE);
        int count = full && min == 0 && max > 0 && schema.has("items") ? 1 : min;
        for (int i = 0; i < count; i++) {
          a.add(sample(schema.path("items"), root, full));
        }
        yield a;
      }
      case "object" -> {
        ObjectNode o = f.objectNode();
        JsonNode required = schema.get("required");
        if (required != null) {
          for (JsonNode r : required) {
            JsonNode sub = schema.path("properties").get(r.asString());
            o.set(r.asString(), sub == null ? f.nullNode() : sample(sub, root, full));
          }
        }
        if (full) {
          for (var property : schema.path("properties").properties()) {
            if (!o.has(property.getKey())) {
              o.set(property.getKey(), sample(property.getValue(), root, true));
            }
          }
        }
        yield o;
      }
      default -> f.nullNode();
    };
  }

  /** Replaces the value at {@code pointer} (which must exist) inside {@code doc}. */
  static void replace(JsonNode doc, String pointer, JsonNode value) {
    JsonPointer p = JsonPointer.compile(pointer);
    JsonNode parent = doc.at(p.head());
    String last = p.last().getMatchingProperty();
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
    } else if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(last), value);
    }
  }
}
