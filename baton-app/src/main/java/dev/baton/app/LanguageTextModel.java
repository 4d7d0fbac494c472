package dev.baton.app;

import dev.baton.core.port.LanguageModel;
import dev.baton.core.tool.ToolContext;
import dev.baton.tools.analysis.TextModel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The analysis agent's text model, served by the configured language model. The documents go in
 * as untrusted data, so what they say is never taken as instructions.
 */
final class LanguageTextModel implements TextModel {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final LanguageModel model;

  LanguageTextModel(LanguageModel model) {
    this.model = model;
  }

  @Override
  public Optional<String> complete(String instructions, String text) {
    return complete(instructions, text, null);
  }

  @Override
  public Optional<String> complete(String instructions, String text, ToolContext context) {
    long start = System.nanoTime();
    LanguageModel.Reply reply = model.complete(new LanguageModel.Prompt(instructions,
        List.of(LanguageModel.Part.untrusted(text)), null, TIMEOUT));
    if (context != null) {
      context.usage().record(model.name(), 1, reply.inputTokens(), reply.outputTokens(),
          Duration.ofNanos(System.nanoTime() - start));
    }
    return Optional.of(reply.text());
  }
}
