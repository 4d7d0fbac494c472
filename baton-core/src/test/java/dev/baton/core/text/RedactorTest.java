package dev.baton.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = Redactor.standard().with(List.of("s3cr3t-local-key", "abc"));

  @Test
  void configuredSecretsAreRemovedWherever_theyAppear() {
    assertThat(redactor.redact("401: invalid key s3cr3t-local-key for model"))
        .isEqualTo("401: invalid key [redacted] for model");
  }

  @Test
  void tooShortSecretsAreNotSearchedFor() {
    assertThat(redactor.redact("abc def")).isEqualTo("abc def");
  }

  @Test
  void authorizationValuesAreRemovedKeepingTheScheme() {
    assertThat(redactor.redact("headers: {Authorization: Bearer tok_123456, Accept: json}"))
        .isEqualTo("headers: {Authorization: Bearer [redacted], Accept: json}");
    assertThat(redactor.redact("{\"authorization\": \"Basic dXNlcjpwYXNz\"}"))
        .isEqualTo("{\"authorization\": \"Basic [redacted]\"}");
    assertThat(redactor.redact("x-goog-api-key: AIzaXYZ")).isEqualTo("x-goog-api-key: [redacted]");
  }

  @Test
  void keyShapedTokensAreRemoved() {
    assertThat(redactor.redact("echo: sk-proj-ABCDEFGHIJKLMNOPQRSTUV done"))
        .isEqualTo("echo: [redacted] done");
    assertThat(redactor.redact("AIzaSyA1234567890abcdefghijklmnopqrstuv"))
        .isEqualTo("[redacted]");
    assertThat(redactor.redact("GET /v1?key=hunter22&alt=json"))
        .isEqualTo("GET /v1?key=[redacted]&alt=json");
    assertThat(redactor.redact("{\"api_key\": \"zzzzzz\"}")).isEqualTo("{\"api_key\": \"[redacted]\"}");
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    String text = "step analyze failed: idempotency key ex-1/analyze; token count 1200";
    assertThat(redactor.redact(text)).isEqualTo(text);
  }
}
