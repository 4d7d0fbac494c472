package dev.baton.core.plan;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Finding and resolving {@link StepRef}s inside a step's arguments. */
public final class References {
  private References() {}

  /** A reference as written, and where in the arguments it sits (a JSON pointer). */
  public record Found(String location, String raw) {}

  /** Every {@code {"$ref": …}} in {@code args}, in document order. */
  public static List<Found> in(JsonNode args) {
    List<Found> found = new ArrayList<>();
    walk(args, "", (loc, raw) -> found.add(new Found(loc, raw)));
    return found;
  }

  private static void walk(JsonNode node, String at, BiConsumer<String, String> sink) {
    var raw = StepRef.rawIn(node);
    if (raw.isPresent()) {
      sink.accept(at, raw.get());
      return;
    }
    if (node.isObject()) {
      for (var e : node.properties()) {
        walk(e.getValue(), at + "/" + escape(e.getKey()), sink);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), at + "/" + i, sink);
      }
    }
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /**
   * A copy of {@code args} with every reference replaced by the value it points to.
   *
   * @throws BatonException STEP_INPUT_INVALID if a referenced step has no output or the path finds
   *     nothing
   */
  public static ObjectNode resolve(ObjectNode args, Map<StepId, JsonNode> outputs) {
    return resolve(args, outputs::get);
  }

  /** As {@link #resolve(ObjectNode, Map)}, with outputs looked up by step (null: no output). */
  public static ObjectNode resolve(ObjectNode args, Function<StepId, JsonNode> outputs) {
    return (ObjectNode) replace(args.deepCopy(), outputs);
  }

  private static JsonNode replace(JsonNode node, Function<StepId, JsonNode> outputs) {
    var raw = StepRef.rawIn(node);
    if (raw.isPresent()) {
      StepRef ref = StepRef.parse(raw.get());
      JsonNode out = outputs.apply(ref.step());
      if (out == null) {
        throw BatonException.of(ErrorCode.STEP_INPUT_INVALID,
            "reference " + raw.get() + ": step " + ref.step() + " has no output");
      }
      JsonNode value = out.at(ref.pointer());
      if (value.isMissingNode()) {
        throw BatonException.of(ErrorCode.STEP_INPUT_INVALID,
            "reference " + raw.get() + " finds nothing in the output of " + ref.step());
      }
      return value.deepCopy();
    }
    if (node.isEmpty()) {
      return node;
    }
    if (node instanceof ObjectNode obj) {
      for (var e : new ArrayList<>(obj.properties())) {
        obj.set(e.getKey(), replace(e.getValue(), outputs));
      }
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        arr.set(i, replace(arr.get(i), outputs));
      }
    }
    return node;
  }
}
