package dev.baton.server;

import dev.baton.app.BatonApp;
import dev.baton.app.ConfigLoader;
import dev.baton.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A real server on a free port of 127.0.0.1 over a real store, and an HTTP client for it. */
final class TestServer implements AutoCloseable {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .build();

  final Path home;
  final BatonApp app;
  final BatonServer server;

  private TestServer(Path home, BatonApp app, BatonServer server) {
    this.home = home;
    this.app = app;
    this.server = server;
  }

  /** SQLite in {@code home}. */
  static TestServer start(Path home) {
    return start(home, Map.of(), ServerOptions.defaults().withPort(0)
        .withPollInterval(Duration.ofMillis(50)).withHeartbeat(Duration.ofSeconds(1)));
  }

  static TestServer start(Path home, Map<String, String> env, ServerOptions options) {
    Map<String, String> e = new LinkedHashMap<>(env);
    e.putIfAbsent("BATON_POLL_INTERVAL", "50ms");
    BatonApp app = BatonApp.open(ConfigLoader.load(home, e, Map.of()), true);
    try {
      app.engine().recover();
      return new TestServer(home, app, BatonServer.start(app, options, List.of()));
    } catch (RuntimeException ex) {
      app.close();
      throw ex;
    }
  }

  String admin() {
    return server.localAdminKey();
  }

  URI uri(String path) {
    return server.uri().resolve(path);
  }

  /** A key of {@code role} in {@code tenant}, made through the key service. */
  String key(String tenant, dev.baton.server.auth.Role role) {
    return server.context().keys().create(tenant, "test " + role.wire(), role).secret();
  }

  Response get(String path, String key) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), key);
  }

  Response post(String path, String key, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), key);
  }

  Response delete(String path, String key) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE(), key);
  }

  static Response send(HttpRequest.Builder b, String key) {
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    try {
      HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Response(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      return Json.parse(body, dev.baton.core.error.ErrorCode.INTERNAL, "response");
    }

    String contentType() {
      return raw.headers().firstValue("Content-Type").orElse("");
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      app.close();
    }
  }
}
