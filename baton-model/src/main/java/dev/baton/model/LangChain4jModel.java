package dev.baton.model;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.port.LanguageModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LanguageModel} over LangChain4j: Google Gemini, OpenAI, Anthropic, Ollama or any
 * OpenAI-compatible server, as {@link ModelConfig} says. Untrusted parts are fenced as data and the
 * system prompt says so; a response schema becomes the provider's structured output.
 *
 * <p>Failures are {@link BatonException}s with MODEL_* codes. Rate limits (429), server errors (5xx)
 * and broken connections are retried here within {@link RetryOptions}, waiting as long as the
 * service's Retry-After asks; timeouts are not retried, because the prompt's timeout is the
 * caller's whole budget. Thread-safe.
 */
public final class LangChain4jModel implements LanguageModel {
  private final ModelConfig config;
  private final Retry retry;
  // why: LangChain4j fixes the timeout when a model is built; prompts carry their own
  private final Map<Duration, ChatModel> modelsByTimeout = new ConcurrentHashMap<>();

  public LangChain4jModel(ModelConfig config) {
    this.config = config;
    this.retry = Retry.of(config.name(), retryConfig(config.retry()));
  }

  @Override
  public Reply complete(Prompt prompt) {
    ChatRequest request = ChatRequests.from(prompt);
    ChatModel model = modelsByTimeout.computeIfAbsent(prompt.timeout(),
        t -> ChatModels.build(config, t));
    return Retry.decorateSupplier(retry, () -> call(model, request)).get();
  }

  @Override
  public String name() {
    return config.name();
  }

  private Reply call(ChatModel model, ChatRequest request) {
    ChatResponse response;
    try {
      response = model.chat(request);
    } catch (RuntimeException e) {
      throw ModelFailures.map(e, name());
    }
    String text = response.aiMessage() == null ? null : response.aiMessage().text();
    if (response.finishReason() == FinishReason.CONTENT_FILTER) {
      throw BatonException.builder(ErrorCode.MODEL_REFUSED, name()
          + " refused: its content filter stopped the answer")
          .details(Map.of("model", name())).build();
    }
    if (text == null || text.isBlank()) {
      throw BatonException.builder(ErrorCode.MODEL_FAILED, name() + " gave an empty answer"
          + " (finish reason " + response.finishReason() + ")")
          .details(Map.of("model", name())).build();
    }
    TokenUsage usage = response.tokenUsage();
    return new Reply(text, tokens(usage == null ? null : usage.inputTokenCount()),
        tokens(usage == null ? null : usage.outputTokenCount()));
  }

  private static long tokens(Integer count) {
    return count == null ? 0 : count;
  }

  private static RetryConfig retryConfig(RetryOptions options) {
    IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
        options.initialBackoff(), 2.0, 0.5, options.maxBackoff());
    return RetryConfig.custom()
        .maxAttempts(options.maxAttempts())
        .retryOnException(e -> worthRetrying(e, options))
        .intervalBiFunction((Integer attempt, Either<Throwable, Object> outcome) ->
            outcome.isLeft() && outcome.getLeft() instanceof BatonException b
                && b.retryAfter().isPresent()
                ? b.retryAfter().get().toMillis() : backoff.apply(attempt))
        .build();
  }

  private static boolean worthRetrying(Throwable e, RetryOptions options) {
    return e instanceof BatonException b && b.retryable() && b.code() != ErrorCode.MODEL_TIMEOUT
        && b.retryAfter().map(wait -> wait.compareTo(options.maxBackoff()) <= 0).orElse(true)
        && !Thread.currentThread().isInterrupted();
  }
}
