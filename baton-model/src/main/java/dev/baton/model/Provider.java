package dev.baton.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The model services {@link LangChain4jModel} can talk to, each with the name used in
 * {@code BATON_MODEL} and the environment variables that may hold its key (first one set wins).
 */
public enum Provider {
  GOOGLE("google", true, "GEMINI_API_KEY", "GOOGLE_API_KEY"),
  OPENAI("openai", true, "OPENAI_API_KEY"),
  ANTHROPIC("anthropic", true, "ANTHROPIC_API_KEY"),
  OLLAMA("ollama", false),
  // why: local servers (vLLM, LM Studio, llama.cpp) rarely check keys, but hosted ones do
  OPENAI_COMPATIBLE("openai-compatible", false, "OPENAI_API_KEY");

  private final String id;
  private final boolean keyRequired;
  private final List<String> keyVariables;

  Provider(String id, boolean keyRequired, String... keyVariables) {
    this.id = id;
    this.keyRequired = keyRequired;
    this.keyVariables = List.of(keyVariables);
  }

  /** The name in {@code BATON_MODEL}, such as {@code google}. */
  public String id() {
    return id;
  }

  public boolean keyRequired() {
    return keyRequired;
  }

  /** Where the key is looked for, in order; empty for providers that take none. */
  public List<String> keyVariables() {
    return keyVariables;
  }

  public static Optional<Provider> named(String id) {
    return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
  }

  /** The names, comma-separated, for error messages. */
  static String known() {
    return Arrays.stream(values()).map(Provider::id).collect(Collectors.joining(", "));
  }
}
