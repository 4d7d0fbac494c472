package dev.baton.model;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;

/**
 * LangChain4j's HTTP transport over the JDK client, like its own {@code JdkHttpClient} but keeping
 * the Retry-After of error answers (LangChain4j's drops the headers), so a rate-limited call waits
 * as long as the service asks. Whole answers only: Baton never streams.
 */
final class RetryAfterHttpClient implements HttpClient {
  private final java.net.http.HttpClient http;
  private final Duration readTimeout;
  private final Clock clock;

  private RetryAfterHttpClient(Builder b) {
    java.net.http.HttpClient.Builder http = java.net.http.HttpClient.newBuilder();
    if (b.connectTimeout != null) {
      http.connectTimeout(b.connectTimeout);
    }
    this.http = http.build();
    this.readTimeout = b.readTimeout;
    this.clock = Clock.systemUTC();
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    var jdk = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
    request.headers().forEach((name, values) -> values.forEach(v -> jdk.header(name, v)));
    jdk.method(request.method().name(), request.body() == null ? BodyPublishers.noBody()
        : BodyPublishers.ofString(request.body()));
    if (readTimeout != null) {
      jdk.timeout(readTimeout);
    }
    HttpResponse<String> response;
    try {
      response = http.send(jdk.build(), BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new TimeoutException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the model", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      throw new ModelHttpException(status, response.body(), RetryAfter.of(
          response.headers().firstValue("Retry-After"), response.body(), clock).orElse(null));
    }
    return SuccessfulHttpResponse.builder().statusCode(status)
        .headers(response.headers().map()).body(response.body()).build();
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser,
      ServerSentEventListener listener) {
    throw new UnsupportedOperationException("Baton asks models for whole answers, not streams");
  }

  /** Takes the timeouts each LangChain4j provider sets from its own {@code timeout}. */
  static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout;
    private Duration readTimeout;

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      connectTimeout = timeout;
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      readTimeout = timeout;
      return this;
    }

    @Override
    public RetryAfterHttpClient build() {
      return new RetryAfterHttpClient(this);
    }
  }
}
