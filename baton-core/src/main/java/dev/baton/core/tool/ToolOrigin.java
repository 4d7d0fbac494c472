package dev.baton.core.tool;

import java.util.Objects;

/**
 * Where a tool in the catalogue comes from. Built-in tools and plugins run inside Baton with its
 * rights; an MCP server's tools are described by someone else, so their descriptions and outputs
 * are untrusted text for a planner ({@link #untrusted()}).
 *
 * @param kind built-in, plugin or MCP server
 * @param source the plugin's jar or the server's name; empty for built-in tools
 */
public record ToolOrigin(Kind kind, String source) {
  /** The kinds of origin. */
  public enum Kind { BUILT_IN, PLUGIN, MCP }

  public static final ToolOrigin BUILT_IN = new ToolOrigin(Kind.BUILT_IN, "");

  public ToolOrigin {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
  }

  public static ToolOrigin plugin(String jar) {
    return new ToolOrigin(Kind.PLUGIN, jar);
  }

  public static ToolOrigin mcp(String server) {
    return new ToolOrigin(Kind.MCP, server);
  }

  /** Whether the tool's description and outputs were written outside Baton (an MCP server). */
  public boolean untrusted() {
    return kind == Kind.MCP;
  }

  /** As people read it: {@code built-in}, {@code plugin hello.jar}, {@code mcp fs}. */
  @Override
  public String toString() {
    return switch (kind) {
      case BUILT_IN -> "built-in";
      case PLUGIN -> "plugin " + source;
      case MCP -> "mcp " + source;
    };
  }
}
