package dev.baton.core.plan;

import tools.jackson.databind.JsonNode;

/** Smallest values that fit a JSON schema: stand-ins where no real value exists yet. */
public final class Samples {
  private Samples() {}

  /** A value that fits {@code schema} (its required properties, minimum sizes, first options). */
  public static JsonNode of(JsonNode schema) {
    return SchemaPaths.sample(schema, schema);
  }
}
