package dev.baton.core.tool;

import dev.baton.core.error.Problem;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the catalogue knows of a tool: its name ("agent.verb", e.g. {@code calendar.create_event}),
 * a description for planners, JSON schemas of its input and output, and its options.
 */
public record ToolDescriptor(String name, String description, ObjectNode inputSchema,
    ObjectNode outputSchema, ToolOptions options) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  public ToolDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(inputSchema, "inputSchema");
    Objects.requireNonNull(outputSchema, "outputSchema");
    Objects.requireNonNull(options, "options");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("tool name '" + name
          + "' must be lower-case words joined by '.', such as calendar.create_event");
    }
    inputSchema = inputSchema.deepCopy();
    outputSchema = outputSchema.deepCopy();
  }

  @Override
  public ObjectNode inputSchema() {
    return inputSchema.deepCopy();
  }

  @Override
  public ObjectNode outputSchema() {
    return outputSchema.deepCopy();
  }

  /** Every way {@code value} fails the input schema, located under {@code where}; empty if none. */
  public List<Problem> inputProblems(JsonNode value, String where) {
    return Schemas.validateCached(inputSchema, value, where);
  }

  /** Every way {@code value} fails the output schema, located under {@code where}. */
  public List<Problem> outputProblems(JsonNode value, String where) {
    return Schemas.validateCached(outputSchema, value, where);
  }

  public boolean sideEffect() {
    return options.sideEffect();
  }
}
