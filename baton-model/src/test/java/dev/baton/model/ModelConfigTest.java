package dev.baton.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelConfigTest {
  @Test
  void noModelWhenBatonModelIsUnsetOrBlank() {
    assertThat(ModelConfig.fromEnvironment(Map.of("GEMINI_API_KEY", "k"))).isEmpty();
    assertThat(ModelConfig.fromEnvironment(Map.of("BATON_MODEL", "  "))).isEmpty();
  }

  @Test
  void readsProviderModelAndKey() {
    ModelConfig config = ModelConfig.fromEnvironment(Map.of(
        "BATON_MODEL", "google:gemini-2.5-flash", "GEMINI_API_KEY", "g-key")).orElseThrow();

    assertThat(config.provider()).isEqualTo(Provider.GOOGLE);
    assertThat(config.model()).isEqualTo("gemini-2.5-flash");
    assertThat(config.apiKey()).isEqualTo("g-key");
    assertThat(config.baseUrl()).isNull();
    assertThat(config.retry()).isEqualTo(RetryOptions.DEFAULTS);
    assertThat(config.name()).isEqualTo("google:gemini-2.5-flash");
  }

  @Test
  void takesGoogleApiKeyWhenGeminiApiKeyIsUnset() {
    ModelConfig config = ModelConfig.fromEnvironment(Map.of(
        "BATON_MODEL", "google:gemini-2.5-flash", "GOOGLE_API_KEY", "google-key")).orElseThrow();

    assertThat(config.apiKey()).isEqualTo("google-key");
  }

  @Test
  void keepsColonsInTheModelName() {
    ModelConfig config = ModelConfig.fromEnvironment(Map.of("BATON_MODEL", "ollama:llama3.1:8b"))
        .orElseThrow();

    assertThat(config.provider()).isEqualTo(Provider.OLLAMA);
    assertThat(config.model()).isEqualTo("llama3.1:8b");
    assertThat(config.apiKey()).isNull();
  }

  @Test
  void baseUrlOverridesTheEndpoint() {
    ModelConfig config = ModelConfig.fromEnvironment(Map.of(
        "BATON_MODEL", "openai-compatible:qwen2.5-7b-instruct",
        "BATON_MODEL_BASE_URL", "http://127.0.0.1:8000/v1")).orElseThrow();

    assertThat(config.provider()).isEqualTo(Provider.OPENAI_COMPATIBLE);
    assertThat(config.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8000/v1"));
    assertThat(config.apiKey()).isNull();
  }

  @Test
  void unknownProviderNamesTheVariableAndTheKnownProviders() {
    assertThatThrownBy(() -> ModelConfig.fromEnvironment(Map.of("BATON_MODEL", "mistral:large")))
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
          assertThat(e.details()).containsEntry("variable", "BATON_MODEL");
          assertThat(e.getMessage()).contains("'mistral'", "google", "openai-compatible");
        });
  }

  @Test
  void valueWithoutProviderOrModelIsRejected() {
    for (String bad : new String[] {"gemini-2.5-flash", "google:", ":gpt-4.1-mini"}) {
      assertThatThrownBy(() -> ModelConfig.fromEnvironment(Map.of("BATON_MODEL", bad)))
          .isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
            assertThat(e.getMessage()).contains("PROVIDER:MODEL");
          });
    }
  }

  @Test
  void missingKeyNamesTheKeyVariables() {
    assertThatThrownBy(() -> ModelConfig.fromEnvironment(
        Map.of("BATON_MODEL", "google:gemini-2.5-flash")))
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
          assertThat(e.details()).containsEntry("variable", "GEMINI_API_KEY");
          assertThat(e.getMessage()).contains("GEMINI_API_KEY or GOOGLE_API_KEY");
        });
    assertThatThrownBy(() -> ModelConfig.fromEnvironment(
        Map.of("BATON_MODEL", "anthropic:claude-sonnet-4-5", "OPENAI_API_KEY", "wrong one")))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.details()).containsEntry("variable", "ANTHROPIC_API_KEY"));
  }

  @Test
  void openAiCompatibleNeedsABaseUrl() {
    assertThatThrownBy(() -> ModelConfig.fromEnvironment(
        Map.of("BATON_MODEL", "openai-compatible:local")))
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
          assertThat(e.details()).containsEntry("variable", "BATON_MODEL_BASE_URL");
        });
  }

  @Test
  void baseUrlMustBeHttp() {
    assertThatThrownBy(() -> ModelConfig.fromEnvironment(Map.of("BATON_MODEL", "ollama:llama3.1",
        "BATON_MODEL_BASE_URL", "ftp://models.example")))
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
          assertThat(e.details()).containsEntry("variable", "BATON_MODEL_BASE_URL");
        });
  }

  @Test
  void neverShowsTheKey() {
    ModelConfig config = ModelConfig.fromEnvironment(Map.of(
        "BATON_MODEL", "openai:gpt-4.1-mini", "OPENAI_API_KEY", "sk-very-secret")).orElseThrow();

    assertThat(config.toString()).contains("openai:gpt-4.1-mini").doesNotContain("sk-very-secret");
  }
}
