package dev.baton.connect;

import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolDescriptor;
import dev.baton.core.tool.ToolOrigin;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A plugin's tool, as it is, but saying which jar it came from. */
final class PluginTool implements Tool {
  private final Tool tool;
  private final ToolOrigin origin;

  PluginTool(Tool tool, String jar) {
    this.tool = tool;
    this.origin = ToolOrigin.plugin(jar);
  }

  @Override
  public ToolDescriptor descriptor() {
    return tool.descriptor();
  }

  @Override
  public JsonNode call(JsonNode input, ToolContext context) throws Exception {
    // why: the plugin's classes resolve resources through their own loader, as if alone
    Thread current = Thread.currentThread();
    ClassLoader before = current.getContextClassLoader();
    current.setContextClassLoader(tool.getClass().getClassLoader());
    try {
      return tool.call(input, context);
    } finally {
      current.setContextClassLoader(before);
    }
  }

  @Override
  public Set<String> resources(JsonNode input) {
    return tool.resources(input);
  }

  @Override
  public boolean outputTrusted() {
    return tool.outputTrusted();
  }

  @Override
  public Optional<String> preview(JsonNode input) {
    return tool.preview(input);
  }

  @Override
  public ToolOrigin origin() {
    return origin;
  }
}
