package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.baton.core.json.Json;
import dev.baton.server.auth.Role;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document checked both ways: every route the server registers is documented, every
 * documented operation answers, and the responses a realistic session receives validate against
 * the schemas documented for them.
 */
class OpenApiTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @TempDir
  Path home;

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationAnswers() throws Exception {
    try (TestServer s = TestServer.start(home)) {
      JsonNode doc = s.get("/openapi.json", null).json();
      assertThat(doc.get("openapi").asString()).isEqualTo("3.1.0");
      Set<String> documented = new TreeSet<>();
      doc.get("paths").properties().forEach(p -> p.getValue().propertyNames().forEach(m -> {
        if (METHODS.contains(m)) {
          documented.add(m.toUpperCase() + " " + p.getKey());
        }
      }));
      Set<String> registered = new TreeSet<>();
      s.server.routes().forEach(r -> registered.add(r.method() + " " + r.path()));
      assertThat(documented).isEqualTo(registered);

      for (String op : documented) {
        String method = op.substring(0, op.indexOf(' '));
        String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x1");
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path))
            .header("Authorization", "Bearer " + s.admin())
            .method(method, method.equals("GET") || method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        HttpResponse<InputStream> r = TestServer.HTTP.send(b.build(),
            HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
          // why: a stream never ends by itself; its first bytes show that it answered
          byte[] first = in.readNBytes(op.endsWith("/stream") ? 8 : Integer.MAX_VALUE);
          String body = new String(first, java.nio.charset.StandardCharsets.UTF_8);
          assertThat(body).as(op).doesNotContain("no route");
          assertThat(r.statusCode()).as(op).isNotEqualTo(405);
        }
      }
    }
  }

  @Test
  void theResponsesOfASessionValidateAgainstTheirSchemas() {
    try (TestServer s = TestServer.start(home)) {
      JsonNode doc = s.get("/openapi.json", null).json();
      String op = s.key("default", Role.OPERATOR);
      List<String> failures = new ArrayList<>();
      Checker c = new Checker(doc, failures);

      var started = s.post("/api/v1/executions", op, ExecutionsApiTest.APPROVAL_PLAN);
      c.check("post", "/api/v1/executions", started);
      String id = started.json().get("id").asString();
      s.app.engine().await(dev.baton.core.exec.ExecutionId.of(id),
          st -> !st.pendingApprovals().isEmpty(), java.time.Duration.ofSeconds(30));
      c.check("get", "/api/v1/executions", s.get("/api/v1/executions", op));
      c.check("get", "/api/v1/executions/{id}", s.get("/api/v1/executions/" + id, op));
      var approvals = s.get("/api/v1/approvals", op);
      c.check("get", "/api/v1/approvals", approvals);
      String approval = approvals.json().get("items").get(0).get("id").asString();
      c.check("get", "/api/v1/approvals/{id}", s.get("/api/v1/approvals/" + approval, op));
      c.check("post", "/api/v1/approvals/{id}/approve", s.post("/api/v1/approvals/" + approval
          + "/approve", op, "{\"arguments\": {\"to\": 1}}"));
      c.check("post", "/api/v1/approvals/{id}/approve", s.post("/api/v1/approvals/" + approval
          + "/approve", op, "{}"));
      s.app.engine().awaitEnd(dev.baton.core.exec.ExecutionId.of(id),
          java.time.Duration.ofSeconds(30));
      for (String sub : List.of("/events", "/plan", "/plan/versions", "/plan/versions/1",
          "/logs", "/trace", "/metrics", "/feedback")) {
        c.check("get", "/api/v1/executions/{id}" + sub.replace("/1", "/{version}"),
            s.get("/api/v1/executions/" + id + sub, op));
      }
      c.check("post", "/api/v1/executions/{id}/pause", s.post("/api/v1/executions/" + id
          + "/pause", op, ""));
      c.check("post", "/api/v1/executions/{id}/feedback", s.post("/api/v1/executions/" + id
          + "/feedback", op, "{\"rating\": \"bad\"}"));
      c.check("post", "/api/v1/executions", s.post("/api/v1/executions", op,
          "{\"mode\": \"simulate\", \"request\": \"summarise what we did in December\"}"));
      c.check("post", "/api/v1/executions", s.post("/api/v1/executions", op, "{\"x\": 1}"));
      c.check("get", "/api/v1/executions/{id}", s.get("/api/v1/executions/nope", op));
      c.check("get", "/api/v1/tools", s.get("/api/v1/tools?schemas", op));
      c.check("get", "/api/v1/tools/{name}", s.get("/api/v1/tools/demo.notify", op));
      c.check("get", "/api/v1/questions", s.get("/api/v1/questions", op));
      c.check("get", "/api/v1/keys", s.get("/api/v1/keys", s.admin()));
      var key = s.post("/api/v1/keys", s.admin(), "{\"role\": \"viewer\", \"name\": \"v\"}");
      c.check("post", "/api/v1/keys", key);
      c.check("delete", "/api/v1/keys/{id}", s.delete("/api/v1/keys/" + key.json().get("id")
          .asString(), s.admin()));
      // why: a public address literal needs no name resolution (the tests run offline)
      var hook = s.post("/api/v1/webhooks", s.admin(), "{\"url\": \"https://93.184.216.34/h\"}");
      assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
      {
        String h = hook.json().get("id").asString();
        c.check("post", "/api/v1/webhooks", hook);
        c.check("get", "/api/v1/webhooks", s.get("/api/v1/webhooks", s.admin()));
        c.check("get", "/api/v1/webhooks/{id}", s.get("/api/v1/webhooks/" + h, s.admin()));
        c.check("get", "/api/v1/webhooks/{id}/deliveries", s.get("/api/v1/webhooks/" + h
            + "/deliveries", s.admin()));
        c.check("post", "/api/v1/webhooks/{id}/test", s.post("/api/v1/webhooks/" + h + "/test",
            s.admin(), ""));
      }
      c.check("post", "/api/v1/webhooks", s.post("/api/v1/webhooks", s.admin(),
          "{\"url\": \"http://127.0.0.1/x\"}"));
      c.check("get", "/api/v1/health", s.get("/api/v1/health", null));
      c.check("get", "/api/v1/ready", s.get("/api/v1/ready", null));
      assertThat(c.checked).isGreaterThan(25);
      assertThat(failures).isEmpty();
      // the checker does reject what breaks a schema
      var wrong = new TestServer.Response(201, "{\"id\": 5, \"status\": \"nonsense\"}",
          started.raw());
      c.check("post", "/api/v1/executions", wrong);
      assertThat(failures).hasSizeGreaterThanOrEqualTo(2);
    }
  }

  /** Validates a response against the schema the document gives its operation and status. */
  static final class Checker {
    final JsonNode doc;
    final List<String> failures;
    int checked;

    Checker(JsonNode doc, List<String> failures) {
      this.doc = doc;
      this.failures = failures;
    }

    void check(String method, String path, TestServer.Response r) {
      JsonNode responses = doc.get("paths").get(path).get(method).get("responses");
      JsonNode response = responses.get(Integer.toString(r.status()));
      if (response == null) {
        failures.add(method + " " + path + ": status " + r.status() + " is not documented");
        return;
      }
      String type = r.contentType().split(";")[0].trim();
      if (response.has("$ref")) {
        response = doc.at(response.get("$ref").asString().substring(1));
      }
      JsonNode media = response.get("content").get(type);
      if (media == null) {
        failures.add(method + " " + path + " " + r.status() + ": " + type + " not documented");
        return;
      }
      ObjectNode schema = (ObjectNode) doc.deepCopy();
      schema.set("$ref", Json.mapper().getNodeFactory().stringNode(pointerTo(media.get("schema"),
          method, path, r.status(), type, response)));
      var compiled = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(schema);
      for (Error e : compiled.validate(r.json())) {
        failures.add(method + " " + path + " " + r.status() + ": " + e.getMessage());
      }
      checked++;
    }

    private String pointerTo(JsonNode schema, String method, String path, int status,
        String type, JsonNode response) {
      if (schema.has("$ref")) {
        return schema.get("$ref").asString();
      }
      return "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method
          + "/responses/" + status + "/content/" + type.replace("/", "~1") + "/schema";
    }
  }
}
