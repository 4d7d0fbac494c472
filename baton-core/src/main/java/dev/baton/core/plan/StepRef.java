package dev.baton.core.plan;

import java.util.Optional;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * A reference from an argument to an earlier step's output: on the wire an object
 * {@code {"$ref": "search#/files/0/path"}}, the step id, then an optional JSON pointer into that
 * step's output. A reference is a dependency.
 */
public record StepRef(StepId step, JsonPointer pointer) {
  public static final String KEY = "$ref";

  /** The reference this node holds, if it is exactly a {@code {"$ref": "..."}} object. */
  public static Optional<String> rawIn(JsonNode node) {
    if (node != null && node.isObject() && node.size() == 1 && node.has(KEY)
        && node.get(KEY).isString()) {
      return Optional.of(node.get(KEY).asString());
    }
    return Optional.empty();
  }

  /**
   * Parses "step#/pointer" or "step".
   *
   * @throws IllegalArgumentException with a sentence saying what is wrong
   */
  public static StepRef parse(String raw) {
    int hash = raw.indexOf('#');
    String id = hash < 0 ? raw : raw.substring(0, hash);
    String pointer = hash < 0 ? "" : raw.substring(hash + 1);
    if (!StepId.isValid(id)) {
      throw new IllegalArgumentException("reference '" + raw + "' does not start with a step id");
    }
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw new IllegalArgumentException(
          "reference '" + raw + "': the part after '#' must be a JSON pointer starting with '/'");
    }
    return new StepRef(new StepId(id), JsonPointer.compile(pointer));
  }

  @Override
  public String toString() {
    return step + "#" + pointer;
  }
}
