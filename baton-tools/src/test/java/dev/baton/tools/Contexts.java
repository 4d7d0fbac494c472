package dev.baton.tools;

import dev.baton.core.tool.ToolContext;

/** Tool contexts for tests: one execution, a stable idempotency key per step. */
public final class Contexts {
  private Contexts() {}

  public static ToolContext of(String execution, String step) {
    return new ToolContext(execution, step, 1, execution + "/" + step, "default", null);
  }

  public static ToolContext of(String step) {
    return of("exec-test", step);
  }
}
