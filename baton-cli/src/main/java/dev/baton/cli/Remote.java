package dev.baton.cli;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CLI as a client of a running server ({@code --server URL} or {@code BATON_SERVER}). The key
 * comes from {@code BATON_API_KEY}, else the file {@code BATON_API_KEY_FILE} names, else the
 * admin key the server keeps in the data folder ({@code keys/admin.key}); never from a flag. A
 * server that cannot be reached is SERVER_UNREACHABLE (exit code 7); a problem document the
 * server answers becomes the same failure (and exit code) as in-process.
 */
final class Remote {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;
  private final String key;

  private Remote(URI base, String key) {
    this.base = base;
    this.key = key;
  }

  /** The server to talk to, if one is named; null to work in-process. */
  static Remote of(String flag, Path home, Map<String, String> env) {
    String url = flag != null ? flag : env.get("BATON_SERVER");
    if (url == null || url.isBlank()) {
      return null;
    }
    String key = env.get("BATON_API_KEY");
    if (key == null || key.isBlank()) {
      Path file = env.containsKey("BATON_API_KEY_FILE") ? Path.of(env.get("BATON_API_KEY_FILE"))
          : (home != null ? home : Path.of(env.getOrDefault("BATON_HOME", ".baton")))
              .resolve("keys/admin.key");
      try {
        key = Files.readString(file, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw BatonException.of(ErrorCode.AUTH_REQUIRED, "no API key: set BATON_API_KEY, or"
            + " BATON_API_KEY_FILE to a file holding one (" + file + " cannot be read)");
      }
    }
    try {
      URI base = URI.create(url.endsWith("/") ? url : url + "/");
      if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
        throw new IllegalArgumentException();
      }
      return new Remote(base, key);
    } catch (IllegalArgumentException e) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, "--server must be an http(s) URL");
    }
  }

  /** POSTs {@code body} (may be null) and returns the answer, or throws the server's failure. */
  JsonNode post(String path, ObjectNode body) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : Json.write(body)))
        .build();
    HttpResponse<String> r;
    try {
      r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw unreachable(e);
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BatonException.of(ErrorCode.INTERNAL, "interrupted", e);
    }
    JsonNode answer = r.body().isBlank() ? Json.object()
        : Json.parse(r.body(), ErrorCode.SERVER_UNREACHABLE, "The server's answer");
    if (r.statusCode() >= 400) {
      ErrorCode code;
      try {
        code = ErrorCode.valueOf(answer.path("code").asString());
      } catch (IllegalArgumentException e) {
        code = ErrorCode.INTERNAL;
      }
      throw BatonException.of(code, answer.path("detail").asString("the server answered "
          + r.statusCode()));
    }
    return answer;
  }

  private BatonException unreachable(IOException e) {
    return BatonException.of(ErrorCode.SERVER_UNREACHABLE, "cannot reach the server at " + base
        + " (" + e.getClass().getSimpleName() + "); is `baton serve` running?", e);
  }

  /** {@code pause|resume|cancel} an execution; prints what the in-process command prints. */
  int control(String verb, String id) {
    post("api/v1/executions/" + id + "/" + verb, null);
    System.out.println(switch (verb) {
      case "pause" -> "paused ";
      case "resume" -> "resumed ";
      default -> "cancelled ";
    } + id);
    return ExitCodes.OK;
  }

  /** Approves or rejects a step's approval (an id with a dot) or a waiting plan. */
  int decide(boolean approve, String id, ObjectNode edits, String comment) {
    boolean plan = !id.contains(".");
    ObjectNode body = Json.object();
    if (approve) {
      if (edits != null) {
        body.set(plan ? "plan" : "arguments", edits);
      }
      if (comment != null) {
        body.put("comment", comment);
      }
    } else {
      body.put("reason", comment == null ? "rejected from the command line" : comment);
    }
    String path = plan ? "api/v1/executions/" + id + "/plan/" + (approve ? "approve" : "reject")
        : "api/v1/approvals/" + id + "/" + (approve ? "approve" : "reject");
    post(path, body);
    System.out.println((approve ? "approved " : "rejected ") + (plan ? "the plan of " : "") + id);
    return ExitCodes.OK;
  }
}
