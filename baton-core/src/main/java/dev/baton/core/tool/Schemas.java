package dev.baton.core.tool;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.baton.core.error.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON schemas for tools: generated from records (every component is required unless it is an
 * {@link Optional}; no extra properties), and validation that reports each error with a JSON pointer.
 */
public final class Schemas {
  private static final SchemaGenerator GENERATOR = buildGenerator();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  /** Compiled schemas by identity of the tree: only long-lived trees (tool descriptors) go in. */
  private static final Map<JsonNode, Schema> COMPILED =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private Schemas() {}

  private static SchemaGenerator buildGenerator() {
    var config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
        OptionPreset.PLAIN_JSON)
        .with(new JacksonModule())
        .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.FLATTENED_ENUMS);
    // why: victools marks nothing required by default; a record component is required unless it
    // says otherwise by being Optional.
    config.forFields().withRequiredCheck(field -> !field.getType().isInstanceOf(Optional.class));
    // why: "integer" alone lets 99999999999 through to an int, which then fails when the step
    // runs (perhaps after a side effect); the bounds make the plan check catch it first
    config.forTypesInGeneral()
        .withNumberInclusiveMinimumResolver(scope -> bound(scope.getType().getErasedType(), true))
        .withNumberInclusiveMaximumResolver(scope -> bound(scope.getType().getErasedType(), false));
    return new SchemaGenerator(config.build());
  }

  /** The range of a Java whole-number type, or null for other types. */
  private static java.math.BigDecimal bound(Class<?> type, boolean min) {
    long value;
    if (type == int.class || type == Integer.class) {
      value = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    } else if (type == long.class || type == Long.class) {
      value = min ? Long.MIN_VALUE : Long.MAX_VALUE;
    } else if (type == short.class || type == Short.class) {
      value = min ? Short.MIN_VALUE : Short.MAX_VALUE;
    } else if (type == byte.class || type == Byte.class) {
      value = min ? Byte.MIN_VALUE : Byte.MAX_VALUE;
    } else {
      return null;
    }
    return java.math.BigDecimal.valueOf(value);
  }

  /** The JSON schema of a record (or other bean) type. */
  public static ObjectNode of(Class<?> type) {
    ObjectNode schema = GENERATOR.generateSchema(type);
    schema.remove("$schema");
    return schema;
  }

  /**
   * Validates {@code value} against {@code schema}.
   *
   * @param where prefix for each problem's location, e.g. {@code /steps/2/args}
   * @return every problem found; empty when valid
   */
  public static List<Problem> validate(JsonNode schema, JsonNode value, String where) {
    return problems(REGISTRY.getSchema(schema), value, where);
  }

  /**
   * As {@link #validate}, compiling {@code schema} once: for schemas that live as long as the
   * process (a tool descriptor's), passed as the same instance every time.
   */
  static List<Problem> validateCached(JsonNode schema, JsonNode value, String where) {
    Schema compiled = COMPILED.computeIfAbsent(schema, REGISTRY::getSchema);
    return problems(compiled, value, where);
  }

  private static List<Problem> problems(Schema compiled, JsonNode value, String where) {
    List<Problem> problems = new ArrayList<>();
    for (Error e : compiled.validate(value)) {
      problems.add(new Problem(where + pointer(e.getInstanceLocation()), e.getMessage()));
    }
    return problems;
  }

  static String pointer(NodePath path) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      String part = String.valueOf(element).replace("~", "~0").replace("/", "~1");
      sb.append('/').append(part);
    }
    return sb.toString();
  }
}
