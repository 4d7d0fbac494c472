package dev.baton.planner;

import dev.baton.core.plan.StepId;
import dev.baton.core.plan.StepRef;
import dev.baton.core.tool.ToolDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wires a step's inputs to earlier steps' outputs by walking their output schemas: a value fits an
 * input when its property has the input's name (or a name for the same data, e.g. an attendee is an
 * {@code email}) and its type fits (the same type; one element of an array; or a string gathered
 * from every earlier producer into an array). Pure.
 */
final class ReferenceChooser {
  /**
   * Names that carry the same data under another name in another tool. Kept small on purpose: a
   * name pair belongs here only when the data is truly the same.
   */
  private static final Map<String, Set<String>> SAME_DATA = Map.of(
      "attendees", Set.of("email"),
      "people", Set.of("email"),
      "intro", Set.of("summary"),
      "path", Set.of("paths"));

  private ReferenceChooser() {}

  /** A step already in the plan, as a possible source of values. */
  record Source(StepId step, ToolDescriptor tool) {}

  /**
   * A value for input {@code name} of the tool whose input schema is {@code inputRoot}: a
   * reference, an array of references, or empty when no earlier step produces it.
   */
  static Optional<JsonNode> choose(String name, JsonNode inputRoot, List<Source> earlier) {
    JsonNode schema = OutputPaths.deref(inputRoot, inputRoot.path("properties").path(name));
    String type = OutputPaths.type(schema);
    String items = "array".equals(type)
        ? OutputPaths.type(OutputPaths.deref(inputRoot, schema.path("items"))) : null;
    Candidate best = null;
    List<JsonNode> gathered = new ArrayList<>();
    for (int s = earlier.size() - 1; s >= 0; s--) {
      Source source = earlier.get(s);
      Candidate bestHere = null;
      for (OutputPaths.Produced p : OutputPaths.of(source.tool().outputSchema())) {
        int nameScore = p.name().equals(name) ? 2
            : SAME_DATA.getOrDefault(name, Set.of()).contains(p.name()) ? 1 : 0;
        if (nameScore == 0 || p.type() == null) {
          continue;
        }
        int fit = fit(type, items, p);
        if (fit == 0) {
          continue;
        }
        Candidate c = new Candidate(ref(source.step(), p.pointer()), nameScore * 10 + fit
            - (p.indexed() ? 1 : 0), fit == WRAPPED);
        if (bestHere == null || c.score > bestHere.score) {
          bestHere = c;
        }
      }
      if (bestHere == null) {
        continue;
      }
      if (bestHere.wrapped) {
        gathered.addFirst(bestHere.ref);
      } else if (best == null || bestHere.score > best.score) {
        best = bestHere;
      }
    }
    if (best != null && (gathered.isEmpty() || best.score >= 20)) {
      return Optional.of(best.ref);
    }
    if (!gathered.isEmpty()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      gathered.forEach(array::add);
      return Optional.of(array);
    }
    return Optional.ofNullable(best).map(Candidate::ref);
  }

  private static final int SAME = 5;
  private static final int WRAPPED = 2;

  private record Candidate(JsonNode ref, int score, boolean wrapped) {}

  private static int fit(String type, String items, OutputPaths.Produced p) {
    if (type == null) {
      return SAME;
    }
    if (type.equals(p.type()) && (items == null || items.equals(p.items()))) {
      return SAME;
    }
    if ("array".equals(type) && p.type().equals(items)) {
      return WRAPPED;
    }
    return 0;
  }

  private static JsonNode ref(StepId step, String pointer) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put(StepRef.KEY, step.value() + "#" + pointer);
    return o;
  }
}
