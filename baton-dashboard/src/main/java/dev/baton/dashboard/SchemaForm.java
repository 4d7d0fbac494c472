package dev.baton.dashboard;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A form made from a tool's input JSON schema, so a person edits an approval's arguments field by
 * field rather than as raw JSON, and the values read back from the posted form. Pure: schema and
 * values in, fields out; schema and form parameters in, arguments out. The engine checks the
 * result against the schema again before anything is recorded.
 */
public final class SchemaForm {
  /** Prefix of every field's name in the posted form. */
  public static final String PREFIX = "arg.";

  private SchemaForm() {}

  /** How a field is edited. */
  public enum Kind {
    TEXT, NUMBER, INTEGER, BOOLEAN, CHOICE, LINES, JSON
  }

  /**
   * One field: its argument name, how it is edited, whether it is required, its current value as
   * the form shows it, and the choices for {@link Kind#CHOICE} and {@link Kind#BOOLEAN}.
   */
  public record Field(String name, Kind kind, boolean required, String value, List<String> choices,
      String description) {
    public Field {
      choices = List.copyOf(choices);
    }

    public String param() {
      return PREFIX + name;
    }

    public String id() {
      return "f-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    public boolean multiline() {
      return kind == Kind.LINES || kind == Kind.JSON;
    }
  }

  /** The fields for {@code schema}'s properties (required ones first), filled from {@code values}. */
  public static List<Field> fields(JsonNode schema, JsonNode values) {
    Set<String> required = required(schema);
    List<Field> out = new ArrayList<>();
    JsonNode props = schema.path("properties");
    List<String> names = new ArrayList<>(required);
    for (String name : props.propertyNames()) {
      if (!required.contains(name)) {
        names.add(name);
      }
    }
    for (String name : names) {
      JsonNode prop = props.path(name);
      if (prop.isMissingNode()) {
        continue;
      }
      Kind kind = kind(prop);
      JsonNode value = values == null ? null : values.get(name);
      List<String> choices = new ArrayList<>();
      if (kind == Kind.CHOICE) {
        prop.path("enum").forEach(c -> choices.add(c.asString()));
      }
      out.add(new Field(name, kind, required.contains(name), show(kind, value), choices,
          prop.path("description").asString("")));
    }
    return out;
  }

  /**
   * The arguments a posted form gives: each field read as its kind says; an empty optional field
   * is left out.
   *
   * @throws BatonException APPROVAL_INVALID_EDIT naming the field when a value cannot be read as
   *     its kind (a word in a number field, malformed JSON)
   */
  public static ObjectNode read(JsonNode schema, Map<String, List<String>> form) {
    ObjectNode out = Json.object();
    Set<String> required = required(schema);
    for (var e : schema.path("properties").properties()) {
      String name = e.getKey();
      Kind kind = kind(e.getValue());
      List<String> posted = form.get(PREFIX + name);
      String raw = posted == null || posted.isEmpty() ? "" : posted.getFirst();
      if (raw.isBlank() && !required.contains(name)) {
        continue;
      }
      try {
        switch (kind) {
          case TEXT, CHOICE -> out.put(name, raw);
          case INTEGER -> out.put(name, Long.parseLong(raw.strip()));
          case NUMBER -> out.put(name, new java.math.BigDecimal(raw.strip()));
          case BOOLEAN -> out.put(name, Boolean.parseBoolean(raw.strip()));
          case LINES -> {
            ArrayNode items = out.putArray(name);
            for (String line : raw.split("\\R")) {
              if (!line.isBlank()) {
                items.add(line.strip());
              }
            }
          }
          case JSON -> out.set(name, Json.mapper().readTree(raw));
        }
      } catch (RuntimeException bad) {
        throw BatonException.of(ErrorCode.APPROVAL_INVALID_EDIT, "the field '" + name
            + "' is not a valid " + kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + raw);
      }
    }
    return out;
  }

  static Kind kind(JsonNode prop) {
    if (prop.has("enum")) {
      return Kind.CHOICE;
    }
    Set<String> types = new LinkedHashSet<>();
    JsonNode t = prop.path("type");
    if (t.isArray()) {
      t.forEach(x -> types.add(x.asString()));
    } else if (t.isString()) {
      types.add(t.asString());
    }
    types.remove("null");
    if (types.size() != 1) {
      return Kind.JSON;
    }
    return switch (types.iterator().next()) {
      case "string" -> Kind.TEXT;
      case "integer" -> Kind.INTEGER;
      case "number" -> Kind.NUMBER;
      case "boolean" -> Kind.BOOLEAN;
      case "array" -> {
        JsonNode items = prop.path("items");
        yield items.path("type").asString("").equals("string") && !items.has("enum")
            ? Kind.LINES : Kind.JSON;
      }
      default -> Kind.JSON;
    };
  }

  private static Set<String> required(JsonNode schema) {
    Set<String> out = new LinkedHashSet<>();
    schema.path("required").forEach(r -> out.add(r.asString()));
    return out;
  }

  private static String show(Kind kind, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    return switch (kind) {
      case TEXT, CHOICE -> value.isString() ? value.asString() : value.toString();
      case INTEGER, NUMBER, BOOLEAN -> value.asString();
      case LINES -> {
        List<String> lines = new ArrayList<>();
        value.forEach(v -> lines.add(v.isString() ? v.asString() : v.toString()));
        yield String.join("\n", lines);
      }
      case JSON -> Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
    };
  }
}
