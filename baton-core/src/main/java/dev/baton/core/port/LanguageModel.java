package dev.baton.core.port;

import dev.baton.core.error.BatonException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A hosted or local language model, as the planners and the analysis agent need it: one request,
 * one reply, with token counts. Adapters (LangChain4j) wrap failures as MODEL_* codes.
 */
public interface LanguageModel {
  /**
   * @throws BatonException MODEL_FAILED, MODEL_TIMEOUT or MODEL_RATE_LIMITED (retryable),
   *     MODEL_REFUSED (not)
   */
  Reply complete(Prompt prompt);

  /** The provider and model, e.g. {@code google:gemini-2.5-flash}. */
  String name();

  /**
   * What to ask. {@code untrusted} parts are data from tools or documents: adapters mark them so
   * the model treats them as data, never as instructions. {@code responseSchema} (may be null)
   * asks for structured JSON output.
   */
  record Prompt(String system, List<Part> parts, JsonNode responseSchema, Duration timeout) {
    public Prompt {
      Objects.requireNonNull(system, "system");
      parts = List.copyOf(parts);
      timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    }
  }

  /** One piece of the user turn; untrusted text is fenced and labelled as data. */
  record Part(String text, boolean untrusted) {
    public static Part trusted(String text) {
      return new Part(text, false);
    }

    public static Part untrusted(String text) {
      return new Part(text, true);
    }
  }

  record Reply(String text, long inputTokens, long outputTokens) {}
}
