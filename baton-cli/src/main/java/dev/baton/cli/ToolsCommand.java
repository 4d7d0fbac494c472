package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.connect.CatalogEntry;
import dev.baton.core.json.Json;
import dev.baton.core.text.Visible;
import dev.baton.core.tool.ToolDescriptor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code baton tools}: the tool catalogue, with each tool's origin (built-in, plugin, MCP server),
 * side-effect flag, health and whether plans may use it; {@code baton tools allow NAME} and
 * {@code revoke NAME} for an MCP server's tools.
 */
@Command(name = "tools", description = "List the tools plans may use.",
    subcommands = {ToolsCommand.Allow.class, ToolsCommand.Revoke.class})
final class ToolsCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Option(names = "--json", description = "Print names, origin, options, health and JSON schemas")
  boolean json;

  @Override
  public Integer call() {
    try (BatonApp app = main.open()) {
      for (CatalogEntry e : app.toolEntries()) {
        if (json) {
          var node = Json.object();
          node.put("name", e.name());
          node.put("origin", e.origin().toString());
          node.put("sideEffect", e.sideEffect());
          node.put("health", e.health());
          node.put("allowed", e.allowed());
          node.put("note", e.note());
          e.tool().ifPresent(t -> {
            ToolDescriptor d = t.descriptor();
            node.put("description", d.description());
            node.set("input", d.inputSchema());
            node.set("output", d.outputSchema());
          });
          System.out.println(Json.write(node));
        } else {
          String description = e.tool().map(t -> t.descriptor().description()).orElse("");
          // why: an MCP server's words are someone else's text: shown through Visible, shortened
          String state = !CatalogEntry.OK.equals(e.health()) ? e.health()
              : e.allowed() ? "" : "off (" + e.note() + ")";
          System.out.printf("%-26s %-12s %-14s %s%s%n", e.name(),
              e.sideEffect() ? "side effect" : "read-only", e.origin(),
              Visible.line(Visible.shorten(description, 100)),
              state.isEmpty() ? "" : "  [" + Visible.line(state) + "]");
        }
      }
      return ExitCodes.OK;
    }
  }

  /** {@code baton tools allow NAME}. */
  @Command(name = "allow", description = "Allow an MCP server's tool as it is described now"
      + " (if its description or schema changes, it is off until allowed again).")
  static final class Allow implements Callable<Integer> {
    @ParentCommand
    ToolsCommand tools;

    @Parameters(paramLabel = "NAME", description = "The tool, e.g. fs.read_file")
    String name;

    @Override
    public Integer call() {
      try (BatonApp app = tools.main.open()) {
        CatalogEntry e = app.allowTool(name, Main.who());
        System.out.println("allowed " + e.name() + " (" + e.origin() + ", "
            + (e.sideEffect() ? "side effect: each call waits for approval" : "read-only")
            + ")");
        return ExitCodes.OK;
      }
    }
  }

  /** {@code baton tools revoke NAME}. */
  @Command(name = "revoke", description = "Take back the allowance of an MCP server's tool.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand
    ToolsCommand tools;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      try (BatonApp app = tools.main.open()) {
        System.out.println(app.revokeTool(name) ? "revoked " + name : name + " was not allowed");
        return ExitCodes.OK;
      }
    }
  }
}
