package dev.baton.server;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.json.StrictJson;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request body read strictly (UTF-8, no duplicate keys, bounded depth and numbers; see
 * {@link StrictJson}), as an object with only the fields a route knows: anything else is a
 * REQUEST_INVALID with every problem located by JSON pointer, before anything is stored.
 */
final class Body {
  private final ObjectNode node;

  private Body(ObjectNode node) {
    this.node = node;
  }

  /** The body as an object with no field outside {@code allowed}; an empty body is {@code {}}. */
  static Body read(Context ctx, Set<String> allowed) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      return new Body(dev.baton.core.json.Json.object());
    }
    JsonNode tree = StrictJson.parse(bytes, ErrorCode.REQUEST_INVALID, "The request body");
    if (!tree.isObject()) {
      throw BatonException.invalid(ErrorCode.REQUEST_INVALID, "The request body is invalid:",
          List.of(new Problem("", "must be a JSON object")));
    }
    List<Problem> problems = new ArrayList<>();
    for (String name : tree.propertyNames()) {
      if (!allowed.contains(name)) {
        problems.add(new Problem("/" + name.replace("~", "~0").replace("/", "~1"),
            "unknown field; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed))));
      }
    }
    if (!problems.isEmpty()) {
      throw BatonException.invalid(ErrorCode.REQUEST_INVALID, "The request body is invalid:",
          problems);
    }
    return new Body((ObjectNode) tree);
  }

  JsonNode get(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  String text(String field) {
    JsonNode v = get(field);
    if (v == null) {
      return null;
    }
    if (!v.isString()) {
      throw located(field, "must be a string");
    }
    return v.asString();
  }

  String requiredText(String field) {
    String v = text(field);
    if (v == null || v.isBlank()) {
      throw located(field, "is required");
    }
    return v;
  }

  boolean bool(String field, boolean otherwise) {
    JsonNode v = get(field);
    if (v == null) {
      return otherwise;
    }
    if (!v.isBoolean()) {
      throw located(field, "must be true or false");
    }
    return v.asBoolean();
  }

  ObjectNode object(String field) {
    JsonNode v = get(field);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw located(field, "must be a JSON object");
    }
    return (ObjectNode) v;
  }

  static BatonException located(String field, String message) {
    return BatonException.invalid(ErrorCode.REQUEST_INVALID, "The request body is invalid:",
        List.of(new Problem("/" + field, message)));
  }
}
