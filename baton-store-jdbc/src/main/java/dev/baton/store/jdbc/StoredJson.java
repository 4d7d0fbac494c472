package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Event;
import dev.baton.core.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON in and out of TEXT columns with core's mapper. Text that does not read back means the
 * database holds something this store did not write: STORE_CORRUPT.
 */
final class StoredJson {
  private static final ObjectWriter EVENT_WRITER = Json.mapper().writerFor(Event.class);
  private static final ObjectReader EVENT_READER = Json.mapper().readerFor(Event.class);

  private StoredJson() {}

  /** An event with its "type" property, whatever its class. */
  static String event(Event event) {
    return EVENT_WRITER.writeValueAsString(event);
  }

  static Event event(String text) {
    try {
      return EVENT_READER.readValue(text);
    } catch (JacksonException e) {
      throw corrupt("an event", e);
    }
  }

  /** Any value as JSON; null stays null. */
  static String write(Object value) {
    return value == null ? null : Json.write(value);
  }

  /** An object; null stays null. */
  static ObjectNode object(String text) {
    return text == null ? null : (ObjectNode) node(text);
  }

  static JsonNode node(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (JacksonException e) {
      throw corrupt("a JSON value", e);
    }
  }

  private static BatonException corrupt(String what, JacksonException e) {
    return BatonException.of(ErrorCode.STORE_CORRUPT, "the database holds " + what
        + " that cannot be read: " + e.getOriginalMessage(), e);
  }
}
