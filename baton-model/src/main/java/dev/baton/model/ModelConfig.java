package dev.baton.model;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which model to use and how to reach it.
 *
 * @param provider the service
 * @param model the provider's model name, e.g. {@code gemini-2.5-flash} or {@code llama3.1:8b}
 * @param apiKey the key, or null for providers that take none
 * @param baseUrl the endpoint as LangChain4j expects it (with the API version, e.g.
 *     {@code https://generativelanguage.googleapis.com/v1beta}, {@code https://api.openai.com/v1},
 *     {@code http://localhost:11434}), or null for the provider's default
 * @param retry retries of failed calls (null: {@link RetryOptions#DEFAULTS})
 */
public record ModelConfig(Provider provider, String model, String apiKey, URI baseUrl,
    RetryOptions retry) {
  public static final String MODEL_VARIABLE = "BATON_MODEL";
  public static final String BASE_URL_VARIABLE = "BATON_MODEL_BASE_URL";

  public ModelConfig {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    retry = retry == null ? RetryOptions.DEFAULTS : retry;
  }

  /**
   * Reads {@code BATON_MODEL} ({@code provider:model}, such as {@code google:gemini-2.5-flash},
   * {@code openai:gpt-4.1-mini}, {@code anthropic:claude-sonnet-4-5}, {@code ollama:llama3.1},
   * {@code openai-compatible:NAME}), {@code BATON_MODEL_BASE_URL} and the provider's key variable.
   *
   * @return empty when {@code BATON_MODEL} is unset or blank (no model configured)
   * @throws BatonException CONFIG_INVALID naming the variable at fault (in the details under
   *     {@code variable}): malformed value, unknown provider, missing key, bad URL, or
   *     {@code openai-compatible} without a base URL
   */
  public static Optional<ModelConfig> fromEnvironment(Map<String, String> env) {
    String spec = value(env, MODEL_VARIABLE);
    if (spec == null) {
      return Optional.empty();
    }
    int colon = spec.indexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      throw invalid(MODEL_VARIABLE, MODEL_VARIABLE + " must be PROVIDER:MODEL, such as "
          + "google:gemini-2.5-flash; it is '" + spec + "'");
    }
    String providerName = spec.substring(0, colon);
    Provider provider = Provider.named(providerName).orElseThrow(() -> invalid(MODEL_VARIABLE,
        MODEL_VARIABLE + " names an unknown provider '" + providerName + "'; known providers: "
            + Provider.known()));
    URI baseUrl = baseUrl(value(env, BASE_URL_VARIABLE));
    if (provider == Provider.OPENAI_COMPATIBLE && baseUrl == null) {
      throw invalid(BASE_URL_VARIABLE, BASE_URL_VARIABLE + " must be set when " + MODEL_VARIABLE
          + " is openai-compatible:…, to say where the server is");
    }
    String key = provider.keyVariables().stream().map(v -> value(env, v))
        .filter(Objects::nonNull).findFirst().orElse(null);
    if (key == null && provider.keyRequired()) {
      String variables = String.join(" or ", provider.keyVariables());
      throw invalid(provider.keyVariables().getFirst(), variables + " must be set: "
          + MODEL_VARIABLE + "=" + spec + " needs an API key");
    }
    return Optional.of(new ModelConfig(provider, spec.substring(colon + 1), key, baseUrl, null));
  }

  /** The provider and model, as in {@code BATON_MODEL}. */
  public String name() {
    return provider.id() + ":" + model;
  }

  /** Never shows the key: configurations end up in logs. */
  @Override
  public String toString() {
    return "ModelConfig[" + name() + (baseUrl == null ? "" : " at " + baseUrl)
        + (apiKey == null ? "" : ", apiKey=***") + ", " + retry + "]";
  }

  private static URI baseUrl(String text) {
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw invalid(BASE_URL_VARIABLE, BASE_URL_VARIABLE
            + " must be an http:// or https:// URL; it is '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw invalid(BASE_URL_VARIABLE, BASE_URL_VARIABLE + " is not a URL: " + e.getMessage());
    }
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static BatonException invalid(String variable, String message) {
    return BatonException.builder(ErrorCode.CONFIG_INVALID, message)
        .details(Map.of("variable", variable)).build();
  }
}
