package dev.baton.core.tool;

import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A callable capability in the catalogue. Most tools extend {@link TypedTool} and work with records;
 * tools discovered at run time (MCP) implement this directly with JSON.
 *
 * <p>{@link #call} runs on a virtual thread and must let {@link InterruptedException} through (or
 * stop when interrupted): that is how cancellation and timeouts reach it. Throw
 * {@link ToolFailure} exceptions to steer retries; other exceptions are classified by the engine.
 */
public interface Tool {
  ToolDescriptor descriptor();

  /** Calls the tool with input already validated against {@code descriptor().inputSchema()}. */
  JsonNode call(JsonNode input, ToolContext context) throws Exception;

  /**
   * The resources this call touches, as lock keys (for example {@code calendar:team}); calls that
   * share a key never run at the same time. Empty by default.
   */
  default Set<String> resources(JsonNode input) {
    return Set.of();
  }

  /**
   * Whether the tool's output fits its output schema by construction (a {@link TypedTool}'s comes
   * from the record the schema was made from), so the engine need not check it on every call.
   * False by default: outputs of tools found at run time (MCP, plugins) are always checked.
   */
  default boolean outputTrusted() {
    return false;
  }

  /**
   * For a side-effecting tool: what running it with {@code input} would do, in a person's words,
   * shown with the approval (for example the meeting's time when the tool picks it). Read-only and
   * quick; empty by default or when it cannot tell.
   */
  default Optional<String> preview(JsonNode input) {
    return Optional.empty();
  }

  /**
   * Where the tool comes from (built-in, a plugin, an MCP server); built-in by default. A planner
   * treats the description of a tool whose origin is {@link ToolOrigin#untrusted()} as data.
   */
  default ToolOrigin origin() {
    return ToolOrigin.BUILT_IN;
  }
}
