package dev.baton.core.json;

import dev.baton.core.error.ErrorCode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper Baton's core uses, and small helpers around it. Thread-safe. */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .addModule(new tools.jackson.databind.module.SimpleModule("baton-spread-creators") {
            private static final long serialVersionUID = 1L;

            @Override
            public void setupModule(SetupContext context) {
              super.setupModule(context);
              context.addValueInstantiators(new SpreadCreators());
            }
          })
          .build();

  private Json() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Parses JSON a person or program handed Baton, strictly (see {@link StrictJson}): duplicate
   * keys, too deep nesting, numbers out of range and trailing text are refused, each located.
   *
   * @throws BatonException {@code code}, naming the input as {@code what}
   */
  public static JsonNode parse(String text, ErrorCode code, String what) {
    return StrictJson.parse(text, code, what);
  }

  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  public static <T> T convert(JsonNode node, Class<T> type) {
    return MAPPER.treeToValue(node, type);
  }

}
