package dev.baton.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsSecondsFromTheHeader() {
    assertThat(RetryAfter.of(Optional.of("7"), null, CLOCK)).contains(Duration.ofSeconds(7));
  }

  @Test
  void readsAnHttpDateFromTheHeader() {
    assertThat(RetryAfter.of(Optional.of("Wed, 25 Nov 2026 08:00:30 GMT"), null, CLOCK))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.of(Optional.of("Wed, 25 Nov 2026 07:59:00 GMT"), null, CLOCK))
        .contains(Duration.ZERO);
  }

  @Test
  void readsGeminisRetryDelayFromTheBody() {
    String body = """
        {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [
          {"@type": "type.googleapis.com/google.rpc.QuotaFailure"},
          {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "37.5s"}]}}""";

    assertThat(RetryAfter.of(Optional.empty(), body, CLOCK)).contains(Duration.ofMillis(37_500));
  }

  @Test
  void nothingWhenNeitherSaysHowLong() {
    assertThat(RetryAfter.of(Optional.of("soon"), "not json", CLOCK)).isEmpty();
    assertThat(RetryAfter.of(Optional.empty(), "{\"error\": {}}", CLOCK)).isEmpty();
  }
}
