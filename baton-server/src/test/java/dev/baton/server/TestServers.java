package dev.baton.server;

import dev.baton.app.BatonApp;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/** {@link TestServer} for tests in other packages. */
public final class TestServers implements AutoCloseable {
  private final TestServer s;

  private TestServers(TestServer s) {
    this.s = s;
  }

  public static TestServers start(Path home) {
    return new TestServers(TestServer.start(home));
  }

  public BatonServer server() {
    return s.server;
  }

  public BatonApp app() {
    return s.app;
  }

  /** POSTs and returns the answer's status and JSON. */
  public Answer post(String path, String key, String body) {
    var r = s.post(path, key, body);
    return new Answer(r.status(), r.json());
  }

  public record Answer(int status, JsonNode json) {}

  @Override
  public void close() {
    s.close();
  }
}
