package dev.baton.tools.analysis;

import dev.baton.core.tool.ToolContext;
import java.util.Optional;

/**
 * A language model as the analysis agent needs it: instructions and text in, text out. A port only:
 * the one implementation here is {@link #NONE}; real models are plugged in by the planning work.
 */
public interface TextModel {
  /**
   * The model's answer, or empty when no model is configured.
   *
   * @throws InterruptedException when the step is cancelled
   */
  Optional<String> complete(String instructions, String text) throws InterruptedException;

  /**
   * As {@link #complete(String, String)}, reporting the model calls to the step's
   * {@link ToolContext#usage()}; models that meter themselves override this.
   */
  default Optional<String> complete(String instructions, String text, ToolContext context)
      throws InterruptedException {
    return complete(instructions, text);
  }

  /** No model: callers fall back to their extractive methods. */
  TextModel NONE = (instructions, text) -> Optional.empty();
}
