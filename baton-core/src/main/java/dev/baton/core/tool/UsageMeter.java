package dev.baton.core.tool;

import java.time.Duration;

/**
 * Where a tool reports the language-model calls it made, so they count toward its execution's
 * tokens and cost.
 */
@FunctionalInterface
public interface UsageMeter {
  void record(String model, int calls, long inputTokens, long outputTokens, Duration took);

  UsageMeter NONE = (model, calls, in, out, took) -> { };
}
