package dev.baton.core.plan;

import tools.jackson.databind.JsonNode;

/** Smallest values that fit a JSON schema: stand-ins where no real value exists yet. */
public final class Samples {
  private Samples() {}

  /**
   * A value that fits {@code schema} (its first options, every property, one item in each array
   * that may hold one), so that a later step's reference into it finds something, as it would in
   * a real output.
   */
  public static JsonNode of(JsonNode schema) {
    return SchemaPaths.sample(schema, schema, true);
  }
}
