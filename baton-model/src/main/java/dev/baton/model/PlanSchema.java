package dev.baton.model;

import dev.baton.core.json.Json;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolCatalog;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response schema the planner asks the model to fill: {@code steps} (each with {@code id},
 * {@code tool} from the catalogue, {@code args}, {@code title}, {@code after}, {@code optional} and
 * a {@code reason}) and {@code notUnderstood} for a request it cannot plan.
 *
 * <p>{@code args} is the text of a JSON object, not an object: every provider can then enforce the
 * schema strictly. Each tool takes different arguments, and a free-form object is not portable
 * (Anthropic forces every object closed, so the arguments would have to be {@code {}}, and Gemini's
 * {@code responseSchema} wants an object's properties listed). The tools' own input schemas are in
 * the prompt, and the plan checks hold the arguments to them.
 */
final class PlanSchema {
  static final String TITLE = "baton_plan";

  private PlanSchema() {}

  static ObjectNode forCatalog(ToolCatalog catalog) {
    ObjectNode step = closedObject();
    ObjectNode props = step.putObject("properties");
    string(props, "id", "unique step id: a letter, then letters, digits, '_' or '-'");
    ObjectNode tool = string(props, "tool", "the tool this step calls");
    ArrayNode names = tool.putArray("enum");
    catalog.all().stream().map(Tool::descriptor).forEach(d -> names.add(d.name()));
    string(props, "args", "the tool's arguments: the text of one JSON object that fits the "
        + "tool's input schema; a value may be {\"$ref\": \"stepId#/json/pointer\"}");
    ObjectNode title = props.putObject("title");
    title.put("type", "object");
    title.put("description", "a short title in Hebrew and in English");
    ObjectNode titleProps = title.putObject("properties");
    string(titleProps, "he", "Hebrew");
    string(titleProps, "en", "English");
    title.putArray("required").add("he").add("en");
    title.put("additionalProperties", false);
    ObjectNode after = props.putObject("after");
    after.put("type", "array");
    after.put("description", "ids of steps that must finish first although no argument refers "
        + "to them; usually empty");
    after.putObject("items").put("type", "string");
    props.putObject("optional").put("type", "boolean")
        .put("description", "true if the request is still met when this step fails");
    string(props, "reason", "one short sentence, in the request's language: why this step");
    step.putArray("required").add("id").add("tool").add("args").add("title").add("after")
        .add("optional").add("reason");

    ObjectNode root = closedObject();
    root.put("title", TITLE);
    ObjectNode rootProps = root.putObject("properties");
    ObjectNode steps = rootProps.putObject("steps");
    steps.put("type", "array");
    steps.set("items", step);
    string(rootProps, "notUnderstood", "empty when the request can be planned; otherwise, in "
        + "the request's language, what is missing or unclear (and steps is empty)");
    root.putArray("required").add("steps").add("notUnderstood");
    return root;
  }

  private static ObjectNode closedObject() {
    ObjectNode o = Json.object();
    o.put("type", "object");
    o.put("additionalProperties", false);
    return o;
  }

  private static ObjectNode string(ObjectNode props, String name, String description) {
    ObjectNode s = props.putObject(name);
    s.put("type", "string");
    s.put("description", description);
    return s;
  }
}
