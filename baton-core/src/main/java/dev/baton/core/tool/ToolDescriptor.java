package dev.baton.core.tool;

import com.networknt.schema.Schema;
import dev.baton.core.error.Problem;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the catalogue knows of a tool: its name ("agent.verb", e.g. {@code calendar.create_event}),
 * a description for planners, JSON schemas of its input and output, and its options.
 *
 * <p>A descriptor made with {@link #lazy} builds each schema the first time it is asked for, and
 * each validator the first time a value is checked against it: listing a catalogue by name costs
 * no schema work. Either way a descriptor is immutable to its callers (schemas come out as copies)
 * and thread-safe.
 */
public final class ToolDescriptor {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  private final String name;
  private final String description;
  private final ToolOptions options;
  private final Part input;
  private final Part output;

  /** A descriptor with schemas already built (they are copied). */
  public ToolDescriptor(String name, String description, ObjectNode inputSchema,
      ObjectNode outputSchema, ToolOptions options) {
    this(name, description, copyOf(inputSchema, "inputSchema"),
        copyOf(outputSchema, "outputSchema"), options);
  }

  private ToolDescriptor(String name, String description, Supplier<ObjectNode> inputSchema,
      Supplier<ObjectNode> outputSchema, ToolOptions options) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.options = Objects.requireNonNull(options, "options");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("tool name '" + name
          + "' must be lower-case words joined by '.', such as calendar.create_event");
    }
    this.input = new Part(name + " input", inputSchema);
    this.output = new Part(name + " output", outputSchema);
  }

  /**
   * A descriptor whose schemas are built by {@code inputSchema} and {@code outputSchema} on first
   * use (each called at most once; the tree they return must not be changed afterwards).
   */
  public static ToolDescriptor lazy(String name, String description,
      Supplier<ObjectNode> inputSchema, Supplier<ObjectNode> outputSchema, ToolOptions options) {
    return new ToolDescriptor(name, description, Objects.requireNonNull(inputSchema, "inputSchema"),
        Objects.requireNonNull(outputSchema, "outputSchema"), options);
  }

  private static Supplier<ObjectNode> copyOf(ObjectNode schema, String what) {
    ObjectNode copy = Objects.requireNonNull(schema, what).deepCopy();
    return () -> copy;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public ToolOptions options() {
    return options;
  }

  /** The input's JSON schema; a copy the caller may change. */
  public ObjectNode inputSchema() {
    return input.schema().deepCopy();
  }

  /** The output's JSON schema; a copy the caller may change. */
  public ObjectNode outputSchema() {
    return output.schema().deepCopy();
  }

  /** Every way {@code value} fails the input schema, located under {@code where}; empty if none. */
  public List<Problem> inputProblems(JsonNode value, String where) {
    return Schemas.problems(input.validator(), value, where);
  }

  /** Every way {@code value} fails the output schema, located under {@code where}. */
  public List<Problem> outputProblems(JsonNode value, String where) {
    return Schemas.problems(output.validator(), value, where);
  }

  public boolean sideEffect() {
    return options.sideEffect();
  }

  @Override
  public String toString() {
    return "ToolDescriptor[name=" + name + ", options=" + options + "]";
  }

  /** One schema and its compiled validator, each made on first use and kept. */
  private static final class Part {
    private final String what;
    private final ReentrantLock lock = new ReentrantLock();
    private Supplier<ObjectNode> source;
    private volatile ObjectNode schema;
    private volatile Schema validator;

    Part(String what, Supplier<ObjectNode> source) {
      this.what = what;
      this.source = source;
    }

    ObjectNode schema() {
      ObjectNode s = schema;
      if (s != null) {
        return s;
      }
      lock.lock();
      try {
        if (schema == null) {
          ObjectNode made = Objects.requireNonNull(source.get(), what + " schema");
          source = null;
          schema = made;
        }
        return schema;
      } finally {
        lock.unlock();
      }
    }

    Schema validator() {
      Schema v = validator;
      if (v != null) {
        return v;
      }
      ObjectNode s = schema();
      lock.lock();
      try {
        if (validator == null) {
          validator = Schemas.compile(s);
        }
        return validator;
      } finally {
        lock.unlock();
      }
    }
  }
}
