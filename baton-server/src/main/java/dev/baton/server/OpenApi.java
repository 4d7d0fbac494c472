package dev.baton.server;

import dev.baton.core.json.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The API's OpenAPI 3.1 document (written as {@code openapi.yaml} beside this class, served as
 * JSON at {@code /openapi.json}), and the reference page at {@code /docs}: Swagger UI from its
 * WebJar, under a Content-Security-Policy of its own.
 */
public final class OpenApi {
  static final String SWAGGER = "/webjars/swagger-ui-dist/" + version() + "/";
  private static volatile String json;

  private OpenApi() {}

  /** The document as a tree. */
  public static JsonNode document() {
    try (InputStream in = OpenApi.class.getResourceAsStream("openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is missing from the jar");
      }
      JsonNode doc = YAMLMapper.builder().build().readTree(in);
      return inline(doc, doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces each {@code {"$ref": "#/components/x-…"}} (a set of responses several operations
   * share, which OpenAPI cannot reference) by a copy of what it names.
   */
  private static JsonNode inline(JsonNode node, JsonNode doc) {
    if (node.isObject()) {
      var o = (tools.jackson.databind.node.ObjectNode) node;
      JsonNode ref = o.get("$ref");
      if (o.size() == 1 && ref != null && ref.asString().startsWith("#/components/x-")) {
        return doc.at(ref.asString().substring(1)).deepCopy();
      }
      for (String name : java.util.List.copyOf(o.propertyNames())) {
        o.set(name, inline(o.get(name), doc));
      }
    } else if (node.isArray()) {
      var a = (tools.jackson.databind.node.ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, inline(a.get(i), doc));
      }
    }
    return node;
  }

  static String json() {
    String j = json;
    if (j == null) {
      j = Json.write(document());
      json = j;
    }
    return j;
  }

  static void page(Context ctx) {
    ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src"
        + " 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none';"
        + " frame-ancestors 'none'");
    ctx.contentType("text/html; charset=utf-8").result("""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Baton API</title>
          <link rel="stylesheet" href="%1$sswagger-ui.css">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="%1$sswagger-ui-bundle.js"></script>
          <script src="/docs/init.js"></script>
        </body>
        </html>
        """.formatted(SWAGGER));
  }

  /** The page's own script (inline scripts are refused by its policy). */
  static void init(Context ctx) {
    ctx.contentType("text/javascript; charset=utf-8").result(
        "window.ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui'});\n");
  }

  private static String version() {
    try (InputStream in = OpenApi.class.getResourceAsStream(
        "/META-INF/maven/org.webjars.npm/swagger-ui-dist/pom.properties")) {
      if (in == null) {
        return "unknown";
      }
      var p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
