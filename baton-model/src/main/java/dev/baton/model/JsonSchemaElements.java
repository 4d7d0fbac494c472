package dev.baton.model;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Converts a JSON Schema tree into LangChain4j's schema elements, which every provider maps to its
 * own dialect (Gemini's {@code responseSchema}, OpenAI's {@code response_format}, Anthropic's
 * output format, Ollama's {@code format}). Covers what structured output can express everywhere:
 * {@code type} (one, or one with {@code null}), {@code properties}, {@code required}, {@code items},
 * string {@code enum}, {@code anyOf} and {@code description}.
 */
final class JsonSchemaElements {
  private JsonSchemaElements() {}

  /** @throws BatonException INTERNAL when the schema uses something outside that subset */
  static JsonSchemaElement from(JsonNode schema) {
    return from(schema, "#");
  }

  private static JsonSchemaElement from(JsonNode schema, String at) {
    String description = schema.path("description").asString(null);
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.get("enum").forEach(v -> values.add(v.asString()));
      return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }
    if (schema.has("anyOf")) {
      List<JsonSchemaElement> options = new ArrayList<>();
      JsonNode anyOf = schema.get("anyOf");
      for (int i = 0; i < anyOf.size(); i++) {
        options.add(from(anyOf.get(i), at + "/anyOf/" + i));
      }
      return JsonAnyOfSchema.builder().anyOf(options).description(description).build();
    }
    JsonNode type = schema.get("type");
    if (type != null && type.isArray()) {
      List<JsonSchemaElement> options = new ArrayList<>();
      for (JsonNode t : type) {
        options.add(ofType(t.asString(), schema, description, at));
      }
      return options.size() == 1 ? options.getFirst()
          : JsonAnyOfSchema.builder().anyOf(options).description(description).build();
    }
    if (type == null || !type.isString()) {
      throw BatonException.of(ErrorCode.INTERNAL,
          "response schema at " + at + " has no type the model adapter can express");
    }
    return ofType(type.asString(), schema, description, at);
  }

  private static JsonSchemaElement ofType(String type, JsonNode schema, String description,
      String at) {
    return switch (type) {
      case "object" -> object(schema, description, at);
      case "array" -> JsonArraySchema.builder().description(description)
          .items(from(schema.path("items"), at + "/items")).build();
      case "string" -> JsonStringSchema.builder().description(description).build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "null" -> new JsonNullSchema();
      default -> throw BatonException.of(ErrorCode.INTERNAL,
          "response schema at " + at + " has unknown type '" + type + "'");
    };
  }

  private static JsonObjectSchema object(JsonNode schema, String description, String at) {
    var b = JsonObjectSchema.builder().description(description);
    for (var p : schema.path("properties").properties()) {
      b.addProperty(p.getKey(), from(p.getValue(), at + "/properties/" + p.getKey()));
    }
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asString()));
    b.required(required);
    JsonNode extra = schema.get("additionalProperties");
    if (extra != null && extra.isBoolean()) {
      b.additionalProperties(extra.asBoolean());
    }
    return b.build();
  }
}
