package dev.baton.connect;

import dev.baton.connect.ConnectionsConfig.Server;
import dev.baton.connect.ConnectionsConfig.Stdio;
import java.io.File;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The MCP servers the tests run: npm's reference filesystem server, and Java ones of our own. */
final class TestServers {
  private static final java.util.regex.Pattern SERVER_JARS = java.util.regex.Pattern.compile(
      "modelcontextprotocol|reactor-core|reactive-streams|jackson|json-schema-validator|/itu/"
      + "|snakeyaml|slf4j");

  private TestServers() {}

  /** The repository's folder of npm test servers (installed by scripts/start-services.sh). */
  static Path npmFolder() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("scripts/mcp-test-servers"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no scripts/mcp-test-servers above " + Path.of("")
          .toAbsolutePath());
    }
    return dir.resolve("scripts/mcp-test-servers");
  }

  /** The reference filesystem server over stdio, confined to {@code root}. */
  static Server filesystem(String name, Path root, boolean allowReadOnly) {
    Path script = npmFolder().resolve(
        "node_modules/@modelcontextprotocol/server-filesystem/dist/index.js");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException(script + " is missing: run scripts/start-services.sh"
          + " (it runs npm ci in scripts/mcp-test-servers)");
    }
    return new Server(name, new Stdio("node", List.of(script.toString(), root.toString()),
        Map.of()), allowReadOnly, Map.of(), null);
  }

  /** A Java MCP server of this test suite ({@link StdioTestServer}) in a child JVM. */
  static Server javaStdio(String name, Map<String, String> env, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // why: the server needs only the SDK and this suite's classes; a short class path starts the
    // child JVM sooner than the test's whole one (Lucene, Tika, …)
    String classPath = Arrays.stream(System.getProperty("java.class.path")
            .split(File.pathSeparator))
        .filter(e -> e.contains("test-classes") || SERVER_JARS.matcher(e).find())
        .collect(Collectors.joining(File.pathSeparator));
    List<String> all = new java.util.ArrayList<>(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-cp", classPath, StdioTestServer.class.getName()));
    all.addAll(List.of(args));
    return new Server(name, new Stdio(java, all, env), false, Map.of(), null);
  }

  /**
   * The context of a call made straight to a tool (step s1 of e1): its log lines go to
   * {@code logged}, its questions to {@code asker} (null: no one to ask).
   */
  static dev.baton.core.tool.ToolContext context(List<String> logged,
      dev.baton.core.tool.Asker asker) {
    dev.baton.core.tool.StepLogger log = new dev.baton.core.tool.StepLogger() {
      @Override
      public void info(String message) {
        logged.add(message);
      }

      @Override
      public void warn(String message) {
        logged.add(message);
      }
    };
    return new dev.baton.core.tool.ToolContext("e1", "s1", 1, "e1/s1", "default", log, null, null,
        asker);
  }

  /**
   * Waits until {@code condition} holds, for something another process does; not a timing
   * assertion (no bound is asserted, only a generous limit so a broken build ends).
   */
  static void eventually(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
      Thread.sleep(100);
    }
    org.assertj.core.api.Assertions.assertThat(condition.getAsBoolean()).isTrue();
  }
}
