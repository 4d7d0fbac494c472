package dev.baton.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connections.yaml}: what it may say, and every mistake named by its key. */
class ConnectionsConfigTest {
  @TempDir
  Path home;

  private ConnectionsConfig read(String yaml, Map<String, String> env) throws Exception {
    Files.writeString(home.resolve(ConnectionsConfig.FILE_NAME), yaml);
    return ConnectionsConfig.read(home, env);
  }

  @Test
  void noFileMeansNothingConnected() {
    assertThat(ConnectionsConfig.read(home, Map.of())).isEqualTo(ConnectionsConfig.none());
  }

  @Test
  void readsStdioAndHttpServersWithTheVariablesTheyName() throws Exception {
    ConnectionsConfig c = read("""
        servers:
          fs:
            command: node
            args: [server.js, /data]
            env: {TOKEN: "${GH_TOKEN}", MODE: fixed}
            allow-read-only: true
            tools: {write_file: {side-effect: true}}
            timeout: 30s
          web:
            url: https://mcp.example.com/mcp
            headers: {Authorization: "Bearer ${WEB_KEY}"}
        plugins: [extra.jar]
        """, Map.of("GH_TOKEN", "gh-123", "WEB_KEY", "k-9", "UNNAMED_SECRET", "never"));

    var fs = c.servers().get(0);
    assertThat(fs.name()).isEqualTo("fs");
    assertThat(fs.transport()).isEqualTo(new ConnectionsConfig.Stdio("node",
        List.of("server.js", "/data"), Map.of("TOKEN", "gh-123", "MODE", "fixed")));
    assertThat(fs.allowReadOnly()).isTrue();
    assertThat(fs.tools().get("write_file").sideEffect()).isTrue();
    assertThat(fs.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.servers().get(1).transport()).isEqualTo(new ConnectionsConfig.Http(
        "https://mcp.example.com/mcp", Map.of("Authorization", "Bearer k-9")));
    assertThat(c.servers().get(1).toString()).doesNotContain("k-9");
    assertThat(c.plugins()).containsExactly(home.resolve("extra.jar"));
  }

  @Test
  void namesEveryMistakeByItsKey() {
    assertThatThrownBy(() -> read("""
        servers:
          Bad-Name: {command: x}
          both: {command: x, url: http://y}
          web: {url: ftp://y, args: [a]}
          fs: {command: node, env: {T: "${MISSING}"}, colour: red, timeout: soon}
        extra: 1
        """, Map.of()))
        .isInstanceOf(BatonException.class)
        .satisfies(e -> assertThat(((BatonException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID))
        .hasMessageContaining("servers.Bad-Name: a server's name is lower-case")
        .hasMessageContaining("servers.both: give either command (stdio) or url")
        .hasMessageContaining("servers.web.url: expected http:// or https://")
        .hasMessageContaining("servers.web: args and env are only for a command")
        .hasMessageContaining("servers.fs.env.T: the environment has no MISSING")
        .hasMessageContaining("servers.fs.colour: unknown key")
        .hasMessageContaining("servers.fs.timeout: expected a duration")
        .hasMessageContaining("extra: unknown key");
  }
}
