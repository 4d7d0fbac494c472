package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.json.Json;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolDescriptor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code baton tools}: the tool catalogue. */
@Command(name = "tools", description = "List the tools plans may use.")
final class ToolsCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Option(names = "--json", description = "Print names, options and JSON schemas")
  boolean json;

  @Override
  public Integer call() {
    try (BatonApp app = main.open()) {
      for (Tool t : app.catalog().all()) {
        ToolDescriptor d = t.descriptor();
        if (json) {
          var node = Json.object();
          node.put("name", d.name());
          node.put("description", d.description());
          node.put("sideEffect", d.sideEffect());
          node.set("input", d.inputSchema());
          node.set("output", d.outputSchema());
          System.out.println(Json.write(node));
        } else {
          System.out.printf("%-26s %-12s %s%n", d.name(), d.sideEffect() ? "side effect" : "read-only",
              d.description());
        }
      }
      return ExitCodes.OK;
    }
  }
}
