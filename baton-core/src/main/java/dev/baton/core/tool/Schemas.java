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
import dev.baton.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON schemas for tools: generated from records (every component is required unless it is an
 * {@link Optional}; no extra properties), and validation that reports each error with a JSON pointer.
 */
public final class Schemas {
  private static final String PRECOMPUTED = "baton/schemas/";

  private Schemas() {}

  // why: a holder each, so a process that only validates never builds the generator, and one that
  // only lists tools builds neither (both cost hundreds of classes at start-up)
  private static final class Generator {
    static final SchemaGenerator INSTANCE = buildGenerator();
    // why: schemas are now generated on first use, possibly on several step threads at once; the
    // generator's type caches are not documented as thread-safe, and each type is generated once
    static final ReentrantLock LOCK = new ReentrantLock();
  }

  private static final class Registry {
    static final SchemaRegistry INSTANCE =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  }

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

  /**
   * The JSON schema of a record (or other bean) type: the copy the build computed (see
   * {@link #resource}) when the class path has one, else generated now.
   */
  public static ObjectNode of(Class<?> type) {
    ObjectNode built = precomputed(type);
    return built != null ? built : generate(type);
  }

  /**
   * Where the build puts the schema of {@code type}, computed by {@link #generate}: a resource
   * beside the classes, so a fresh process reads a small file instead of running the generator.
   */
  public static String resource(Class<?> type) {
    return PRECOMPUTED + type.getName() + ".json";
  }

  // why: a bundled resource, read like a class file; not the file system (core opens no file)
  private static ObjectNode precomputed(Class<?> type) {
    ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader()
        : Schemas.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource(type))) {
      if (in == null) {
        return null;
      }
      return Json.mapper().readTree(in) instanceof ObjectNode o ? o : null;
    } catch (IOException | RuntimeException unreadable) {
      // why: a damaged copy costs only the time to generate the schema again
      return null;
    }
  }

  /** The JSON schema of a type, generated now from the type (see {@link #of}). */
  public static ObjectNode generate(Class<?> type) {
    ObjectNode schema;
    Generator.LOCK.lock();
    try {
      schema = Generator.INSTANCE.generateSchema(type);
    } finally {
      Generator.LOCK.unlock();
    }
    schema.remove("$schema");
    // why: the generator writes bounds as decimals, a schema read back from its file has them as
    // whole numbers; the same schema must be equal (and validate alike) however it was obtained
    return (ObjectNode) Json.mapper().readTree(Json.write(schema));
  }

  /**
   * Validates {@code value} against {@code schema}.
   *
   * @param where prefix for each problem's location, e.g. {@code /steps/2/args}
   * @return every problem found; empty when valid
   */
  public static List<Problem> validate(JsonNode schema, JsonNode value, String where) {
    return problems(compile(schema), value, where);
  }

  /** {@code schema} compiled into a validator, to keep for a schema checked many times. */
  static Schema compile(JsonNode schema) {
    return Registry.INSTANCE.getSchema(schema);
  }

  /** Every way {@code value} fails a compiled schema, located under {@code where}. */
  static List<Problem> problems(Schema compiled, JsonNode value, String where) {
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
