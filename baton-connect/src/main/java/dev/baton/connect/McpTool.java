package dev.baton.connect;

import dev.baton.core.error.Problem;
import dev.baton.core.json.Json;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolDescriptor;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.ToolOrigin;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool of an MCP server in Baton's catalogue, as {@code server.tool}. Its descriptor is what the
 * server listed when the catalogue was made; every call checks that the server still lists the
 * tool with the same digest as the one a person allowed ({@code pinned}), validates the
 * arguments against the input schema, and returns {@code {"text": …, "content": […],
 * "structured": …}} (the text parts joined, every part as JSON, the structured result if any).
 */
final class McpTool implements Tool {
  private final McpServer server;
  private final String remote;
  private final ToolDescriptor descriptor;
  private final String digest;
  /** Whether the tool as its server lists it now may be called; asked on every call. */
  private final Predicate<McpSchema.Tool> allowedNow;

  McpTool(McpServer server, String remote, ToolDescriptor descriptor, String digest,
      Predicate<McpSchema.Tool> allowedNow) {
    this.server = server;
    this.remote = remote;
    this.descriptor = descriptor;
    this.digest = digest;
    this.allowedNow = allowedNow;
  }

  @Override
  public ToolDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public ToolOrigin origin() {
    return ToolOrigin.mcp(server.name());
  }

  /** The tool's name on its server. */
  String remote() {
    return remote;
  }

  String digest() {
    return digest;
  }

  @Override
  public JsonNode call(JsonNode input, ToolContext context) throws Exception {
    String name = descriptor.name();
    McpSchema.Tool now = server.tools().get(remote);
    if (now == null && server.health() == McpServer.Health.UP) {
      throw ToolFailure.permanent("MCP server " + server.name() + " no longer offers " + remote);
    }
    if (now != null) {
      if (!ToolDigest.of(now).equals(digest) || !allowedNow.test(now)) {
        throw ToolFailure.permanent(name + " changed on its server since it was allowed (its"
            + " description or schema); it is off until a person allows it again: baton tools"
            + " allow " + name);
      }
    }
    List<Problem> problems = descriptor.inputProblems(input, "");
    if (!problems.isEmpty()) {
      throw ToolFailure.permanent("arguments of " + name + " do not fit its schema: "
          + problems.getFirst());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> arguments = Json.convert(input, Map.class);
    McpSchema.CallToolResult result = server.call(remote, arguments, context);
    ObjectNode out = output(result);
    if (Boolean.TRUE.equals(result.isError())) {
      throw ToolFailure.permanent(name + " reported an error: "
          + dev.baton.core.text.Visible.shorten(out.path("text").asString(), 500));
    }
    return out;
  }

  /** The output Baton records: the text parts joined, each part as JSON, the structured result. */
  static ObjectNode output(McpSchema.CallToolResult result) {
    ObjectNode out = Json.object();
    StringBuilder text = new StringBuilder();
    ArrayNode content = out.putArray("content");
    if (result.content() != null) {
      for (McpSchema.Content c : result.content()) {
        if (c instanceof McpSchema.TextContent t) {
          text.append(text.isEmpty() ? "" : "\n").append(t.text());
        }
        content.add(Json.tree(c));
      }
    }
    out.put("text", text.toString());
    if (result.structuredContent() != null) {
      out.set("structured", Json.tree(result.structuredContent()));
    }
    return out;
  }

  /**
   * The output schema Baton gives an MCP tool: text and content always, and the tool's own
   * output schema (required) for {@code structured} when it declares one.
   */
  static ObjectNode outputSchema(ObjectNode structured) {
    ObjectNode schema = Json.object().put("type", "object");
    ObjectNode props = schema.putObject("properties");
    props.putObject("text").put("type", "string")
        .put("description", "the text parts of the result, joined by line breaks");
    props.putObject("content").put("type", "array")
        .put("description", "every part of the result as the server sent it");
    ArrayNode required = schema.putArray("required").add("text").add("content");
    if (structured != null) {
      props.set("structured", structured);
      required.add("structured");
    }
    return schema;
  }

  /** Options: a side effect unless the server (or the configuration) says read-only. */
  static ToolOptions options(boolean sideEffect, java.time.Duration timeout) {
    return (sideEffect ? ToolOptions.sideEffecting() : ToolOptions.readOnly()).timeout(timeout)
        .build();
  }
}
