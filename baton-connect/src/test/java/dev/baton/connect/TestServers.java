package dev.baton.connect;

import dev.baton.connect.ConnectionsConfig.Server;
import dev.baton.connect.ConnectionsConfig.Stdio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The MCP servers the tests run: npm's reference filesystem server, and Java ones of our own. */
final class TestServers {
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
    List<String> all = new java.util.ArrayList<>(List.of("-cp",
        System.getProperty("java.class.path"), StdioTestServer.class.getName()));
    all.addAll(List.of(args));
    return new Server(name, new Stdio(java, all, env), false, Map.of(), null);
  }
}
