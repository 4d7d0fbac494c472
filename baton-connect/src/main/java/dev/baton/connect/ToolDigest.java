package dev.baton.connect;

import dev.baton.core.exec.ArgumentDigest;
import dev.baton.core.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.node.ObjectNode;

/**
 * The digest a person's allowance of an MCP tool is pinned to: SHA-256 of the canonical JSON of
 * what a planner and a person are shown (name, title, description, input and output schemas,
 * annotations). Any change to them makes a new digest, and the tool is off until allowed again.
 */
final class ToolDigest {
  private ToolDigest() {}

  static String of(McpSchema.Tool tool) {
    ObjectNode shown = Json.object();
    shown.put("name", tool.name());
    shown.put("title", tool.title());
    shown.put("description", tool.description());
    shown.set("inputSchema", Json.tree(tool.inputSchema()));
    shown.set("outputSchema", Json.tree(tool.outputSchema()));
    shown.set("annotations", Json.tree(tool.annotations()));
    return ArgumentDigest.of(shown);
  }
}
