package dev.baton.model;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/**
 * An HTTP error answer that keeps the wait the service asked for. It is an {@link HttpException},
 * so LangChain4j's providers classify it as usual; {@link ModelFailures} finds it in the causes.
 */
final class ModelHttpException extends HttpException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  ModelHttpException(int statusCode, String body, Duration retryAfter) {
    super(statusCode, body);
    this.retryAfter = retryAfter;
  }

  Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
