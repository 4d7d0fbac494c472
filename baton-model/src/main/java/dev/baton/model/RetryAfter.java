package dev.baton.model;

import dev.baton.core.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * How long a rate-limited service asks us to wait: the {@code Retry-After} header (seconds or an
 * HTTP date), else the {@code retryDelay} of a {@code google.rpc.RetryInfo} in the error body,
 * which is where Gemini says it.
 */
final class RetryAfter {
  private RetryAfter() {}

  static Optional<Duration> of(Optional<String> header, String body, Clock clock) {
    Optional<Duration> fromHeader = header.flatMap(h -> parseHeader(h.strip(), clock));
    return fromHeader.isPresent() ? fromHeader : retryDelayIn(body);
  }

  private static Optional<Duration> parseHeader(String value, Clock clock) {
    if (value.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code {"error": {"details": [{"retryDelay": "37s"}, …]}}}, as Gemini answers a 429. */
  private static Optional<Duration> retryDelayIn(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    for (JsonNode detail : root.path("error").path("details")) {
      String delay = detail.path("retryDelay").asString("");
      if (delay.matches("\\d+(\\.\\d+)?s")) {
        double seconds = Double.parseDouble(delay.substring(0, delay.length() - 1));
        return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
      }
    }
    return Optional.empty();
  }
}
