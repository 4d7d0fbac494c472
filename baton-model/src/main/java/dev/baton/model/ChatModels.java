package dev.baton.model;

import static dev.langchain4j.model.chat.Capability.RESPONSE_FORMAT_JSON_SCHEMA;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;

/**
 * Builds the LangChain4j chat model for a configuration and a timeout. Every provider gets
 * LangChain4j's retries turned off ({@link LangChain4jModel} retries, honouring Retry-After), the
 * HTTP transport that keeps Retry-After, and JSON-schema output declared as supported: without
 * that declaration some providers describe the schema in the prompt instead of enforcing it.
 */
final class ChatModels {
  static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";
  // why: Anthropic requires max_tokens and LangChain4j's default (1024) cuts a long plan short
  static final int ANTHROPIC_MAX_TOKENS = 8192;

  private ChatModels() {}

  static ChatModel build(ModelConfig config, Duration timeout) {
    String baseUrl = config.baseUrl() == null ? null : config.baseUrl().toString();
    return switch (config.provider()) {
      case GOOGLE -> GoogleAiGeminiChatModel.builder()
          .httpClientBuilder(RetryAfterHttpClient.builder())
          .apiKey(config.apiKey()).baseUrl(baseUrl).modelName(config.model())
          .timeout(timeout).maxRetries(0)
          .supportedCapabilities(RESPONSE_FORMAT_JSON_SCHEMA).build();
      case OPENAI, OPENAI_COMPATIBLE -> OpenAiChatModel.builder()
          .httpClientBuilder(RetryAfterHttpClient.builder())
          .apiKey(config.apiKey()).baseUrl(baseUrl).modelName(config.model())
          .timeout(timeout).maxRetries(0)
          // why: strict output is enforced by the service, not merely asked for
          .strictJsonSchema(true)
          .supportedCapabilities(RESPONSE_FORMAT_JSON_SCHEMA).build();
      case ANTHROPIC -> AnthropicChatModel.builder()
          .httpClientBuilder(RetryAfterHttpClient.builder())
          .apiKey(config.apiKey()).baseUrl(baseUrl).modelName(config.model())
          .timeout(timeout).maxRetries(0).maxTokens(ANTHROPIC_MAX_TOKENS)
          .supportedCapabilities(RESPONSE_FORMAT_JSON_SCHEMA).build();
      case OLLAMA -> OllamaChatModel.builder()
          .httpClientBuilder(RetryAfterHttpClient.builder())
          .baseUrl(baseUrl == null ? OLLAMA_DEFAULT_URL : baseUrl).modelName(config.model())
          .timeout(timeout).maxRetries(0)
          .supportedCapabilities(RESPONSE_FORMAT_JSON_SCHEMA).build();
    };
  }
}
