package dev.baton.model.fake;

import dev.baton.core.json.Json;
import dev.baton.model.ModelConfig;
import dev.baton.model.Provider;
import dev.baton.model.RetryOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire protocols the fake model server speaks: where each is posted, how to read what a client
 * sent (parsed JSON, never matched as text) and how the service answers.
 */
public enum Wire {
  OPENAI(Provider.OPENAI, "gpt-4.1-mini", "/v1", Wire.API_KEY),
  GEMINI(Provider.GOOGLE, "gemini-2.5-flash", "/v1beta", Wire.API_KEY),
  ANTHROPIC(Provider.ANTHROPIC, "claude-sonnet-4-5", "/v1", Wire.API_KEY),
  OLLAMA(Provider.OLLAMA, "llama3.1", "", null);

  public static final String API_KEY = "test-key-not-secret";
  /** Quick retries, so tests of retrying stay fast. */
  public static final RetryOptions QUICK_RETRIES =
      new RetryOptions(3, Duration.ofMillis(10), Duration.ofMillis(200));

  private final Provider provider;
  private final String model;
  private final String basePath;
  private final String apiKey;

  Wire(Provider provider, String model, String basePath, String apiKey) {
    this.provider = provider;
    this.model = model;
    this.basePath = basePath;
    this.apiKey = apiKey;
  }

  /** A configuration that points this protocol's provider at the fake server. */
  public ModelConfig config(ScriptedModelServer server) {
    return new ModelConfig(provider, model, apiKey, URI.create(server.baseUrl() + basePath),
        QUICK_RETRIES);
  }

  public String model() {
    return model;
  }

  /** The protocol a request path belongs to, or null. */
  static Wire of(String path) {
    if (path.equals("/v1/chat/completions")) {
      return OPENAI;
    }
    if (path.startsWith("/v1beta/models/") && path.endsWith(":generateContent")) {
      return GEMINI;
    }
    if (path.equals("/v1/messages")) {
      return ANTHROPIC;
    }
    return path.equals("/api/chat") ? OLLAMA : null;
  }

  /** The system instruction's text. */
  public String systemText(JsonNode body) {
    return switch (this) {
      case OPENAI, OLLAMA -> messageTexts(body.path("messages"), "system");
      case GEMINI -> partTexts(body.path("systemInstruction").path("parts"));
      case ANTHROPIC -> partTexts(body.path("system"));
    };
  }

  /** The text of the person's (user) turns. */
  public String userText(JsonNode body) {
    return switch (this) {
      case OPENAI, OLLAMA, ANTHROPIC -> messageTexts(body.path("messages"), "user");
      case GEMINI -> {
        List<String> texts = new ArrayList<>();
        body.path("contents").forEach(c -> {
          if ("user".equals(c.path("role").asString())) {
            texts.add(partTexts(c.path("parts")));
          }
        });
        yield String.join("\n", texts);
      }
    };
  }

  /** The response schema as this protocol carries it. */
  public JsonNode responseSchema(JsonNode body) {
    return switch (this) {
      case OPENAI -> body.path("response_format").path("json_schema").path("schema");
      case GEMINI -> body.path("generationConfig").path("responseSchema");
      case ANTHROPIC -> body.path("output_config").path("format").path("schema");
      case OLLAMA -> body.path("format");
    };
  }

  /** A successful reply carrying {@code text}, with the given token counts. */
  ObjectNode reply(String text, String model, int index, long prompt, long completion) {
    ObjectNode reply = Json.object();
    switch (this) {
      case OPENAI -> {
        openAiHead(reply, model, index);
        ObjectNode choice = reply.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", "stop");
        openAiUsage(reply, prompt, completion);
      }
      case GEMINI -> {
        ObjectNode candidate = reply.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.put("role", "model");
        content.putArray("parts").addObject().put("text", text);
        candidate.put("finishReason", "STOP");
        candidate.put("index", 0);
        reply.putObject("usageMetadata").put("promptTokenCount", prompt)
            .put("candidatesTokenCount", completion).put("totalTokenCount", prompt + completion);
        reply.put("modelVersion", model);
        reply.put("responseId", "scripted-" + (index + 1));
      }
      case ANTHROPIC -> {
        reply.put("id", "msg_scripted_" + (index + 1));
        reply.put("type", "message");
        reply.put("role", "assistant");
        reply.put("model", model);
        reply.putArray("content").addObject().put("type", "text").put("text", text);
        reply.put("stop_reason", "end_turn");
        reply.putNull("stop_sequence");
        reply.putObject("usage").put("input_tokens", prompt).put("output_tokens", completion);
      }
      case OLLAMA -> {
        reply.put("model", model);
        reply.put("created_at", "2026-11-25T08:00:00Z");
        reply.putObject("message").put("role", "assistant").put("content", text);
        reply.put("done", true);
        reply.put("done_reason", "stop");
        reply.put("prompt_eval_count", prompt);
        reply.put("eval_count", completion);
      }
    }
    return reply;
  }

  /** A reply that calls one tool; only OpenAI's wire is needed for that. */
  ObjectNode toolCall(JsonNode call, String model, int index, long prompt, long completion) {
    if (this != OPENAI) {
      throw new IllegalStateException("scripted tool calls are only spoken over OpenAI's wire");
    }
    ObjectNode reply = Json.object();
    openAiHead(reply, model, index);
    ObjectNode choice = reply.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.putNull("content");
    ObjectNode function = message.putArray("tool_calls").addObject()
        .put("id", "call_" + (index + 1)).put("type", "function").putObject("function");
    function.put("name", call.path("name").asString());
    // why: OpenAI sends tool arguments as a JSON string, not an object
    function.put("arguments", Json.write(call.path("arguments")));
    choice.put("finish_reason", "tool_calls");
    openAiUsage(reply, prompt, completion);
    return reply;
  }

  /** An error answer's body, shaped as this service shapes it. */
  ObjectNode error(int status, String message) {
    ObjectNode body = Json.object();
    switch (this) {
      case OPENAI -> body.putObject("error").put("message", message)
          .put("type", status == 429 ? "rate_limit_exceeded"
              : status >= 500 ? "server_error" : "invalid_request_error")
          .putNull("param");
      case GEMINI -> body.putObject("error").put("code", status).put("message", message)
          .put("status", status == 429 ? "RESOURCE_EXHAUSTED"
              : status >= 500 ? "UNAVAILABLE" : "INVALID_ARGUMENT");
      case ANTHROPIC -> {
        body.put("type", "error");
        body.putObject("error").put("type", status == 429 ? "rate_limit_error"
            : status >= 500 ? "api_error" : "invalid_request_error").put("message", message);
      }
      case OLLAMA -> body.put("error", message);
    }
    return body;
  }

  /** The model a request names: in the body, or for Gemini in the path. */
  String modelIn(String path, JsonNode body) {
    return this == GEMINI ? path.substring(path.indexOf("/models/") + 8, path.indexOf(':'))
        : body.path("model").asString();
  }

  private static void openAiHead(ObjectNode reply, String model, int index) {
    reply.put("id", "chatcmpl-scripted-" + (index + 1));
    reply.put("object", "chat.completion");
    reply.put("created", 1_764_000_000L);
    reply.put("model", model);
  }

  private static void openAiUsage(ObjectNode reply, long prompt, long completion) {
    reply.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
  }

  private static String messageTexts(JsonNode messages, String role) {
    List<String> texts = new ArrayList<>();
    messages.forEach(m -> {
      if (role.equals(m.path("role").asString())) {
        JsonNode content = m.path("content");
        texts.add(content.isString() ? content.asString() : partTexts(content));
      }
    });
    return String.join("\n", texts);
  }

  private static String partTexts(JsonNode parts) {
    List<String> texts = new ArrayList<>();
    parts.forEach(p -> texts.add(p.path("text").asString()));
    return String.join("\n", texts);
  }
}
