package dev.baton.connect;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What {@code $BATON_HOME/connections.yaml} says: the MCP servers to connect and the plugin jars
 * to load beside the data folder's {@code plugins/}. A missing file means none.
 *
 * <pre>
 * servers:
 *   fs:                                   # tools become fs.read_file, fs.write_file, …
 *     command: node
 *     args: [/opt/mcp/server-filesystem/dist/index.js, /home/dana/notes]
 *     env: {NODE_OPTIONS: --max-old-space-size=256, GITHUB_TOKEN: ${GITHUB_TOKEN}}
 *     allow-read-only: true               # its read-only tools need no `baton tools allow`
 *     tools:
 *       write_file: {side-effect: true}   # override the server's annotation
 *   tracker:
 *     url: https://mcp.example.com/mcp
 *     headers: {Authorization: Bearer ${TRACKER_TOKEN}}
 *     timeout: 30s
 * plugins: [/opt/baton/extra-tools.jar]
 * </pre>
 *
 * <p>{@code ${NAME}} in {@code env} and {@code headers} takes the value of Baton's environment
 * variable NAME (named here, so nothing else of Baton's environment reaches a server).
 */
public record ConnectionsConfig(List<Server> servers, List<Path> plugins) {
  public static final String FILE_NAME = "connections.yaml";
  private static final Pattern SERVER_NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public ConnectionsConfig {
    servers = List.copyOf(servers);
    plugins = List.copyOf(plugins);
  }

  public static ConnectionsConfig none() {
    return new ConnectionsConfig(List.of(), List.of());
  }

  /** How Baton reaches a server. */
  public sealed interface Transport {}

  /** A server Baton starts as a child process and speaks to over its standard input and output. */
  public record Stdio(String command, List<String> args, Map<String, String> env)
      implements Transport {
    public Stdio {
      Objects.requireNonNull(command, "command");
      args = List.copyOf(args);
      env = Map.copyOf(env);
    }

    @Override
    public String toString() {
      // why: values may be tokens; names are enough to debug
      return "Stdio[command=" + command + ", args=" + args + ", env=" + env.keySet() + "]";
    }
  }

  /** A server reached over Streamable HTTP. */
  public record Http(String url, Map<String, String> headers) implements Transport {
    public Http {
      Objects.requireNonNull(url, "url");
      headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
      return "Http[url=" + url + ", headers=" + headers.keySet() + "]";
    }
  }

  /** A per-tool override: null leaves the server's annotation in force. */
  public record ToolOverride(Boolean sideEffect) {}

  /**
   * One server.
   *
   * @param name the namespace of its tools ({@code fs} → {@code fs.read_file})
   * @param allowReadOnly its tools marked read-only need no person's allowance
   * @param timeout how long one call may take
   */
  public record Server(String name, Transport transport, boolean allowReadOnly,
      Map<String, ToolOverride> tools, Duration timeout) {
    public Server {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(transport, "transport");
      tools = Map.copyOf(tools);
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
  }

  /**
   * Reads {@code home/connections.yaml} (JSON is YAML too); none if it does not exist.
   *
   * @param environment Baton's environment, for the {@code ${NAME}} the file names
   * @throws BatonException CONFIG_INVALID naming the file and the key of each problem
   */
  public static ConnectionsConfig read(Path home, Map<String, String> environment) {
    Path file = home.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return none();
    }
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(Files.readString(file));
    } catch (IOException | JacksonException e) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, file + ": cannot read it: "
          + e.getMessage(), e);
    }
    return parse(root, home, environment, file.toString());
  }

  /** Parses a document already read; {@code where} names it in messages. */
  static ConnectionsConfig parse(JsonNode root, Path home, Map<String, String> environment,
      String where) {
    List<String> problems = new ArrayList<>();
    List<Server> servers = new ArrayList<>();
    List<Path> plugins = new ArrayList<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return none();
    }
    if (!root.isObject()) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, where + ": expected keys servers, plugins");
    }
    for (String key : root.propertyNames()) {
      if (!key.equals("servers") && !key.equals("plugins")) {
        problems.add(key + ": unknown key (expected servers, plugins)");
      }
    }
    JsonNode s = root.path("servers");
    if (s.isObject()) {
      for (var entry : s.properties()) {
        Server server = server(entry.getKey(), entry.getValue(), environment, problems);
        if (server != null) {
          servers.add(server);
        }
      }
    } else if (!s.isMissingNode() && !s.isNull()) {
      problems.add("servers: expected a map of server names");
    }
    JsonNode p = root.path("plugins");
    if (p.isArray()) {
      for (JsonNode jar : p) {
        plugins.add(home.resolve(jar.asString()));
      }
    } else if (!p.isMissingNode() && !p.isNull()) {
      problems.add("plugins: expected a list of jar paths");
    }
    if (!problems.isEmpty()) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, where + ": " + String.join("; ", problems));
    }
    return new ConnectionsConfig(servers, plugins);
  }

  private static Server server(String name, JsonNode node, Map<String, String> environment,
      List<String> problems) {
    String at = "servers." + name;
    if (!SERVER_NAME.matcher(name).matches()) {
      problems.add(at + ": a server's name is lower-case letters, digits and '_' (it becomes the"
          + " tools' prefix)");
      return null;
    }
    if (!node.isObject()) {
      problems.add(at + ": expected command or url");
      return null;
    }
    for (String key : node.propertyNames()) {
      if (!List.of("command", "args", "env", "url", "headers", "allow-read-only", "tools",
          "timeout").contains(key)) {
        problems.add(at + "." + key + ": unknown key");
      }
    }
    Transport transport;
    if (node.has("command") == node.has("url")) {
      problems.add(at + ": give either command (stdio) or url (Streamable HTTP)");
      return null;
    } else if (node.has("command")) {
      if (node.has("headers")) {
        problems.add(at + ".headers: only for a url");
      }
      List<String> args = new ArrayList<>();
      node.path("args").forEach(a -> args.add(a.asString()));
      transport = new Stdio(node.get("command").asString(), args,
          values(node.path("env"), at + ".env", environment, problems));
    } else {
      if (node.has("args") || node.has("env")) {
        problems.add(at + ": args and env are only for a command");
      }
      String url = node.get("url").asString();
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        problems.add(at + ".url: expected http:// or https://");
      }
      transport = new Http(url, values(node.path("headers"), at + ".headers", environment,
          problems));
    }
    Map<String, ToolOverride> tools = new LinkedHashMap<>();
    for (var t : node.path("tools").properties()) {
      JsonNode se = t.getValue().path("side-effect");
      if (!se.isBoolean()) {
        problems.add(at + ".tools." + t.getKey() + ".side-effect: expected true or false");
        continue;
      }
      tools.put(t.getKey(), new ToolOverride(se.asBoolean()));
    }
    Duration timeout = null;
    if (node.has("timeout")) {
      try {
        timeout = Durations.parse(node.get("timeout").asString());
      } catch (IllegalArgumentException e) {
        problems.add(at + ".timeout: " + e.getMessage());
      }
    }
    return new Server(name, transport, node.path("allow-read-only").asBoolean(false), tools,
        timeout);
  }

  private static Map<String, String> values(JsonNode node, String at,
      Map<String, String> environment, List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    for (var e : node.properties()) {
      String value = e.getValue().asString();
      Matcher m = VARIABLE.matcher(value);
      StringBuilder expanded = new StringBuilder();
      while (m.find()) {
        String v = environment.get(m.group(1));
        if (v == null) {
          problems.add(at + "." + e.getKey() + ": the environment has no " + m.group(1));
          v = "";
        }
        m.appendReplacement(expanded, Matcher.quoteReplacement(v));
      }
      m.appendTail(expanded);
      out.put(e.getKey(), expanded.toString());
    }
    return out;
  }

  /** Durations as people write them: {@code 30s}, {@code 2m}, {@code 500ms}. */
  static final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {}

    static Duration parse(String text) {
      Matcher m = FORM.matcher(text.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("expected a duration such as 30s, 2m or 500ms");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
  }
}
