package dev.baton.bench;

import dev.baton.connect.ConnectionsConfig;
import dev.baton.connect.Connections;
import dev.baton.core.json.Json;
import dev.baton.core.memory.InMemoryToolAllowances;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolDescriptor;
import dev.baton.core.tool.ToolOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * MCP figures for BENCHMARKS.md (issue 12): how long discovering the tools of a stdio server takes
 * (start the process, initialize, list), and what one call of an MCP tool costs over a direct call
 * of a tool that does the same work in Baton's JVM. Uses npm's reference filesystem server
 * (scripts/mcp-test-servers, installed by scripts/start-services.sh) with the machine's node.
 *
 * <p>Arguments: {@code --starts=7 --calls=2000 --warmup=300}.
 */
public final class McpBench {
  private McpBench() {}

  public static void main(String[] args) throws Exception {
    int starts = arg(args, "starts", 7);
    int calls = arg(args, "calls", 2000);
    int warmup = arg(args, "warmup", 300);
    Path script = Path.of("scripts/mcp-test-servers/node_modules/@modelcontextprotocol/"
        + "server-filesystem/dist/index.js").toAbsolutePath();
    if (!Files.exists(script)) {
      throw new IllegalStateException(script + " is missing: run scripts/start-services.sh");
    }
    Path folder = Files.createTempDirectory("mcp-bench").toRealPath();
    Path file = folder.resolve("note.txt");
    Files.writeString(file, "a short note, read again and again\n");
    var server = new ConnectionsConfig.Server("fs", new ConnectionsConfig.Stdio("node",
        List.of(script.toString(), folder.toString()), Map.of()), true, Map.of(), null);
    var config = new ConnectionsConfig(List.of(server), List.of());

    List<Double> discovery = new ArrayList<>();
    for (int i = 0; i < starts; i++) {
      long t0 = System.nanoTime();
      try (Connections c = Connections.of(config, InMemoryToolAllowances::new)) {
        int n = c.entries(List.of()).size();
        discovery.add((System.nanoTime() - t0) / 1e6);
        if (i == 0) {
          System.out.println("tools discovered: " + n);
        }
      }
    }
    Collections.sort(discovery);
    System.out.printf("discovery (start node, initialize, list tools), %d starts: median %.1f ms"
        + " [min %.1f, max %.1f]%n", starts, discovery.get(starts / 2), discovery.getFirst(),
        discovery.getLast());

    ToolContext ctx = new ToolContext("bench", "s", 1, "bench/s", "default", null);
    JsonNode input = Json.object().put("path", file.toString());
    Tool direct = new DirectRead();
    try (Connections c = Connections.of(config, InMemoryToolAllowances::new)) {
      Tool mcp = c.catalog(List.of()).stream()
          .filter(t -> t.descriptor().name().equals("fs.read_text_file")).findFirst()
          .orElseThrow();
      for (int i = 0; i < warmup; i++) {
        mcp.call(input, ctx);
        direct.call(input, ctx);
      }
      double[] viaMcp = new double[calls];
      double[] inJvm = new double[calls];
      for (int i = 0; i < calls; i++) {
        long t0 = System.nanoTime();
        mcp.call(input, ctx);
        long t1 = System.nanoTime();
        direct.call(input, ctx);
        long t2 = System.nanoTime();
        viaMcp[i] = (t1 - t0) / 1e3;
        inJvm[i] = (t2 - t1) / 1e3;
      }
      java.util.Arrays.sort(viaMcp);
      java.util.Arrays.sort(inJvm);
      System.out.printf("read a small file, %d calls after %d warm-up: MCP stdio median %.0f µs"
          + " (p99 %.0f), direct tool median %.0f µs (p99 %.0f); overhead of MCP %.0f µs per"
          + " call%n", calls, warmup, viaMcp[calls / 2], viaMcp[calls * 99 / 100],
          inJvm[calls / 2], inJvm[calls * 99 / 100], viaMcp[calls / 2] - inJvm[calls / 2]);
    }
  }

  private static int arg(String[] args, String name, int fallback) {
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        return Integer.parseInt(a.substring(name.length() + 3));
      }
    }
    return fallback;
  }

  /** The same work as the filesystem server's read_text_file, as a tool in Baton's JVM. */
  private static final class DirectRead implements Tool {
    private final ToolDescriptor descriptor = new ToolDescriptor("direct.read", "reads a file",
        Json.object().put("type", "object"), Json.object().put("type", "object"),
        ToolOptions.readOnly().build());

    @Override
    public ToolDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public JsonNode call(JsonNode input, ToolContext context) throws Exception {
      List<dev.baton.core.error.Problem> p = descriptor.inputProblems(input, "");
      if (!p.isEmpty()) {
        throw new IllegalArgumentException(p.toString());
      }
      return Json.object().put("text", Files.readString(Path.of(input.get("path").asString())));
    }
  }
}
