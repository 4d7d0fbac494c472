package dev.baton.connect;

import dev.baton.core.error.Problem;
import dev.baton.core.json.Json;
import dev.baton.core.tool.Schemas;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Whether a server's tool schema is one Baton can check calls against: a JSON Schema (draft
 * 2020-12's meta-schema accepts it) of an object.
 */
final class SchemaCheck {
  private static final JsonNode META = Json.mapper().readTree(
      "{\"$ref\": \"https://json-schema.org/draft/2020-12/schema\"}");

  private SchemaCheck() {}

  /** Empty when {@code schema} is fine; else what is wrong with it. */
  static Optional<String> problem(JsonNode schema, boolean mustBeObject) {
    if (schema == null || !schema.isObject()) {
      return Optional.of("the schema is not a JSON object");
    }
    if (mustBeObject && !"object".equals(schema.path("type").asString(""))) {
      return Optional.of("the input schema's type is not \"object\"");
    }
    List<Problem> problems;
    try {
      problems = Schemas.validate(META, schema, "");
      if (problems.isEmpty()) {
        // why: the meta-schema passes some schemas the validator cannot compile (a bad $ref)
        Schemas.validate(schema, Json.object(), "");
      }
    } catch (RuntimeException e) {
      return Optional.of("the schema cannot be used: " + e.getMessage());
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of("the schema is not valid JSON"
        + " Schema: " + problems.getFirst());
  }
}
