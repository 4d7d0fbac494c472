package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.auth.LocalKey;
import dev.baton.server.auth.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys over real HTTP: none, wrong, revoked (401); roles (403); keys never in URLs. */
class AuthTest {
  @TempDir
  Path home;
  TestServer s;

  @BeforeEach
  void start() {
    s = TestServer.start(home);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  @Test
  void healthIsPublicAndEverythingElseNeedsAKey() {
    assertThat(s.get("/api/v1/health", null).status()).isEqualTo(200);
    var none = s.get("/api/v1/executions", null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.contentType()).startsWith("application/problem+json");
    assertThat(none.json().get("code").asString()).isEqualTo("AUTH_REQUIRED");
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(s.get("/api/v1/executions", "bt_00000000_" + "A".repeat(43)).status())
        .isEqualTo(401);
    assertThat(s.get("/api/v1/executions", "not a key").status()).isEqualTo(401);
  }

  @Test
  void theFirstRunKeepsAnAdminKeyInTheDataFolderReadableByItsOwnerOnly() throws Exception {
    Path file = LocalKey.file(home);
    assertThat(file).exists();
    assertThat(java.nio.file.Files.getPosixFilePermissions(file).toString())
        .isEqualTo("[OWNER_READ, OWNER_WRITE]");
    assertThat(s.get("/api/v1/keys", s.admin()).status()).isEqualTo(200);
  }

  @Test
  void aKeyIsShownOnceStoredHashedAndRevocable() {
    var made = s.post("/api/v1/keys", s.admin(), "{\"name\": \"ci\", \"role\": \"viewer\"}");
    assertThat(made.status()).isEqualTo(201);
    String key = made.json().get("key").asString();
    String id = made.json().get("id").asString();
    assertThat(key).startsWith(id + "_");
    assertThat(s.get("/api/v1/executions", key).status()).isEqualTo(200);
    var keys = s.server.context().keys();
    assertThat(keys.active(id)).isTrue();
    assertThat(keys.active("bt_nothere")).isFalse();

    var listed = s.get("/api/v1/keys", s.admin());
    assertThat(listed.body()).contains(id).doesNotContain(key);
    var hashes = s.server.context().sql().query("SELECT hash FROM api_keys WHERE id = ?",
        rs -> rs.getString(1), id);
    assertThat(hashes.get(0)).doesNotContain(key.substring(12)).hasSize(64);

    assertThat(s.delete("/api/v1/keys/" + id, s.admin()).status()).isEqualTo(200);
    assertThat(keys.active(id)).isFalse();
    var revoked = s.get("/api/v1/executions", key);
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.json().get("code").asString()).isEqualTo("AUTH_REQUIRED");
  }

  @Test
  void rolesIncludeTheOnesBelowThem() {
    String viewer = s.key("default", Role.VIEWER);
    String approver = s.key("default", Role.APPROVER);
    String operator = s.key("default", Role.OPERATOR);
    String plan = "{\"plan\": {\"steps\": [{\"id\": \"a\", \"tool\": \"demo.sleep\","
        + " \"args\": {\"millis\": 1, \"text\": \"x\"}}]}}";

    var forbidden = s.post("/api/v1/executions", viewer, plan);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.json().get("code").asString()).isEqualTo("AUTH_FORBIDDEN");
    assertThat(s.post("/api/v1/executions", approver, plan).status()).isEqualTo(403);
    var started = s.post("/api/v1/executions", operator, plan);
    assertThat(started.status()).isEqualTo(201);
    String id = started.json().get("id").asString();
    assertThat(s.post("/api/v1/executions/" + id + "/cancel", viewer, "").status())
        .isEqualTo(403);
    assertThat(s.post("/api/v1/keys", operator, "{\"role\": \"admin\"}").status())
        .isEqualTo(403);
    assertThat(s.get("/api/v1/executions/" + id, viewer).status()).isEqualTo(200);
  }

  @Test
  void aKeyInTheUrlIsRefused() {
    var r = s.get("/api/v1/executions?api_key=" + s.admin(), null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).doesNotContain(s.admin());
  }
}
