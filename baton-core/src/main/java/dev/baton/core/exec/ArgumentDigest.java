package dev.baton.core.exec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A SHA-256 of arguments in canonical form (object properties sorted), so the same arguments in
 * any property order have one digest. Approvals store it; a side effect runs only with arguments
 * of the approved digest.
 */
public final class ArgumentDigest {
  private ArgumentDigest() {}

  /** {@code sha256:} and 64 hex digits. */
  public static String of(JsonNode arguments) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(
          canonical(arguments).toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The same value with every object's properties in name order. */
  public static JsonNode canonical(JsonNode node) {
    if (node == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> out.add(canonical(n)));
      return out;
    }
    return node;
  }
}
