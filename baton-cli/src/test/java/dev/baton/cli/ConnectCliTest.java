package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MCP server configured in {@code connections.yaml} (npm's filesystem server over stdio): its
 * tools listed as off, allowed with {@code baton tools allow}, then used by a plan that writes only
 * after approval.
 */
class ConnectCliTest {
  @TempDir
  Path home;
  @TempDir
  Path files;

  private CliHarness.Result baton(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--home";
    all[1] = home.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliHarness.run(all);
  }

  private static Path filesystemServer() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("scripts/mcp-test-servers"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("scripts/mcp-test-servers above the working folder").isNotNull();
    Path script = dir.resolve("scripts/mcp-test-servers/node_modules/@modelcontextprotocol/"
        + "server-filesystem/dist/index.js");
    assertThat(script).as("run scripts/start-services.sh (npm ci)").exists();
    return script;
  }

  /** npm's filesystem server over stdio, as {@code fs}, on a folder holding one note. */
  private Path connectFilesystemServer() throws IOException {
    Path root = files.toRealPath();
    Files.writeString(root.resolve("notes.md"), "Tevuot: December went well\n");
    Files.writeString(home.resolve("connections.yaml"), """
        servers:
          fs:
            command: node
            args: ["%s", "%s"]
        """.formatted(filesystemServer(), root), StandardCharsets.UTF_8);
    return root;
  }

  @Test
  void aToolAllowedWhileBatonRunsIsPlannedAndRunWithoutARestart() throws Exception {
    Path root = connectFilesystemServer();
    try (var app = dev.baton.app.BatonApp.lazy(dev.baton.app.ConfigLoader.load(home,
        java.util.Map.of(), java.util.Map.of()), false)) {
      var engine = app.engine();
      assertThat(engine.catalog().find("fs.get_file_info")).isEmpty();

      app.allowTool("fs.get_file_info", "dana");

      assertThat(engine.catalog().find("fs.get_file_info")).isPresent();
      assertThat(app.catalog().find("fs.get_file_info")).isPresent();
      var plan = dev.baton.core.plan.PlanCodec.parse("""
          {"steps":[{"id":"info","tool":"fs.get_file_info","args":{"path":"%s"}}]}"""
          .formatted(root.resolve("notes.md")));
      var end = engine.submit(dev.baton.core.engine.Submission.of(plan)).result()
          .get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(end.status()).isEqualTo(dev.baton.core.exec.ExecutionStatus.SUCCEEDED);

      app.revokeTool("fs.get_file_info");
      assertThat(engine.catalog().find("fs.get_file_info")).isEmpty();
    }
  }

  @Test
  void listsAllowsAndRunsAnMcpServersTools() throws IOException {
    Path root = connectFilesystemServer();

    CliHarness.Result listed = baton("tools");
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("files.search", "built-in")
        .containsPattern("fs\\.read_text_file +read-only +mcp fs .*\\[off \\(new: baton tools"
            + " allow fs\\.read_text_file\\)]")
        .containsPattern("fs\\.write_file +side effect +mcp fs");

    CliHarness.Result unknown = baton("tools", "allow", "fs.nothing");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(baton("tools", "allow", "fs.read_text_file").out())
        .contains("allowed fs.read_text_file (mcp fs, read-only)");
    assertThat(baton("tools", "allow", "fs.write_file").out())
        .contains("side effect: each call waits for approval");
    assertThat(baton("tools", "--json").out()).contains("\"name\":\"fs.read_text_file\"",
        "\"allowed\":true", "\"origin\":\"mcp fs\"");

    // why: the offline planner would read this as a file search; the request plainly names a
    // connected tool's words, and its quoted text is the tool's one required argument
    baton("tools", "allow", "fs.get_file_info");
    CliHarness.Result planned = baton("plan", "get the file info metadata of \"" + root
        + "/notes.md\"", "--json");
    assertThat(planned.exit()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("\"tool\":\"fs.get_file_info\"")
        .contains(root + "/notes.md");

    Path plan = home.resolve("plan.json");
    Files.writeString(plan, """
        {"steps": [
          {"id": "read", "tool": "fs.read_text_file", "args": {"path": "%1$s/notes.md"}},
          {"id": "write", "tool": "fs.write_file",
           "args": {"path": "%1$s/copy.md", "content": {"$ref": "read#/text"}}}
        ]}""".formatted(root));
    CliHarness.Result run = baton("run", "--plan", plan.toString(), "--yes");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(root.resolve("copy.md")).content().contains("December went well");
  }
}
