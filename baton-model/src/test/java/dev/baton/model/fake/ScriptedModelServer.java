package dev.baton.model.fake;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake model service on 127.0.0.1 (port 0) that speaks the real wire protocols (OpenAI
 * {@code POST /v1/chat/completions}, Gemini {@code POST /v1beta/models/{m}:generateContent},
 * Anthropic {@code POST /v1/messages}, Ollama {@code POST /api/chat}; see {@link Wire}) and
 * replays the answers scripted in {@code src/test/resources/model/<case>.json}, in order, whatever
 * protocol asks. It records every request. Script entries:
 *
 * <ul>
 *   <li>{@code {"answer": {…}}} or {@code {"text": "…"}}: a reply whose text is that JSON (compact)
 *       or that string;
 *   <li>{@code {"toolCall": {"name": "…", "arguments": {…}}}}: a reply that calls one tool (OpenAI);
 *   <li>{@code {"status": 429, "retryAfter": "0", "error": "…"}}: an error answer;
 *   <li>any entry may add {@code "delayMillis"} (answer late) and {@code "usage": {"input": n,
 *       "output": m}}; without usage the counts are o200k_base tokens of the compact request body
 *       and of the reply, an estimate.
 * </ul>
 */
public final class ScriptedModelServer implements AutoCloseable {

  /** One request as the server received it; header names are lower case. */
  public record Exchange(String path, Map<String, List<String>> headers, JsonNode body,
      long promptTokens, long completionTokens) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.getFirst();
    }
  }

  private final List<JsonNode> script;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer server;

  private ScriptedModelServer(List<JsonNode> script) throws IOException {
    this.script = List.copyOf(script);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server replaying {@code model/<name>.json} from the test resources. */
  public static ScriptedModelServer start(String name) {
    String resource = "/model/" + name + ".json";
    try (InputStream in = ScriptedModelServer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no script " + resource);
      }
      JsonNode root = Json.mapper().readTree(in);
      List<JsonNode> entries = new ArrayList<>();
      root.path("responses").forEach(entries::add);
      return new ScriptedModelServer(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  public Exchange exchange(int index) {
    return exchanges.get(index);
  }

  private void handle(HttpExchange http) throws IOException {
    try (http) {
      String path = http.getRequestURI().getPath();
      JsonNode body = Json.mapper().readTree(http.getRequestBody().readAllBytes());
      Wire wire = Wire.of(path);
      int index = next.getAndIncrement();
      JsonNode entry = index < script.size() ? script.get(index) : null;
      long prompt = entry != null && entry.has("usage") ? entry.path("usage").path("input").asLong()
          : Tokens.count(Json.write(withoutModel(body)));
      long completion = entry == null ? 0 : entry.has("usage")
          ? entry.path("usage").path("output").asLong() : Tokens.count(replyText(entry));
      Map<String, List<String>> headers = new TreeMap<>();
      http.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
      exchanges.add(new Exchange(path, headers, body, prompt, completion));
      if (wire == null) {
        send(http, 404, Wire.OPENAI.error(404, "no such endpoint " + path), null);
        return;
      }
      if (entry == null) {
        send(http, 500, wire.error(500, "the script has no answer " + (index + 1)), null);
        return;
      }
      if (entry.has("delayMillis")) {
        awaitClose(entry.path("delayMillis").asLong());
      }
      if (entry.has("status")) {
        int status = entry.path("status").asInt();
        send(http, status, wire.error(status, entry.path("error").asString("scripted error")),
            entry.path("retryAfter").asString(null));
        return;
      }
      String model = wire.modelIn(path, body);
      send(http, 200, entry.has("toolCall")
          ? wire.toolCall(entry.get("toolCall"), model, index, prompt, completion)
          : wire.reply(replyText(entry), model, index, prompt, completion), null);
    }
  }

  private static JsonNode withoutModel(JsonNode body) {
    ObjectNode copy = ((ObjectNode) body).deepCopy();
    copy.remove("model");
    return copy;
  }

  private static String replyText(JsonNode entry) {
    if (entry.has("answer")) {
      return Json.write(entry.get("answer"));
    }
    if (entry.has("toolCall")) {
      return Json.write(entry.get("toolCall"));
    }
    return entry.path("text").asString("");
  }

  private static void send(HttpExchange http, int status, JsonNode body, String retryAfter)
      throws IOException {
    byte[] bytes = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body)
        .getBytes(StandardCharsets.UTF_8);
    http.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    if (retryAfter != null) {
      http.getResponseHeaders().set("Retry-After", retryAfter);
    }
    http.sendResponseHeaders(status, bytes.length);
    http.getResponseBody().write(bytes);
  }

  // why: loading the encoding takes seconds, so only scripts without usage pay for it
  private static final class Tokens {
    private static final Encoding O200K =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    static long count(String text) {
      return O200K.countTokens(text);
    }
  }

  private void awaitClose(long millis) {
    try {
      closed.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.close();
  }
}
