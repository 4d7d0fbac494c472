package dev.baton.connect;

import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolOrigin;
import java.util.Optional;

/**
 * One line of the catalogue as {@code baton tools} shows it: a tool (or a server or plugin that
 * offers none right now), where it comes from, whether it changes the world, whether it works,
 * and whether plans may use it.
 *
 * @param name the tool's name in Baton ({@code fs.read_file}); {@code fs.*} for a server with
 *     no tools listed
 * @param health {@code ok}, or why the tool cannot be used (server down, invalid schema, a name
 *     taken, failed to load)
 * @param allowed whether plans may use it: built-in and plugin tools always; an MCP tool once a
 *     person allowed it with the digest it has now (or its server's read-only tools are allowed by
 *     the configuration)
 * @param note why it is not allowed (new, changed since allowed), or how it was allowed
 * @param tool the tool, when there is one to call
 */
public record CatalogEntry(String name, ToolOrigin origin, boolean sideEffect, String health,
    boolean allowed, String note, Optional<Tool> tool) {
  public static final String OK = "ok";

  /** Whether plans may use it now: it works and it is allowed. */
  public boolean usable() {
    return allowed && OK.equals(health) && tool.isPresent();
  }
}
