package dev.baton.examples.hello;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;

/**
 * An example plugin tool, {@code hello.greet}: greets someone in Hebrew or English. A plugin tool
 * is an ordinary {@link TypedTool} with a public no-argument constructor, listed in
 * {@code META-INF/services/dev.baton.core.tool.Tool}; put the jar in {@code $BATON_HOME/plugins/}.
 */
public final class GreetTool extends TypedTool<GreetTool.In, GreetTool.Out> {
  /**
   * @param name who to greet
   * @param language "he" or "en"
   */
  public record In(String name, String language) {}

  /** @param greeting the greeting */
  public record Out(String greeting) {}

  public GreetTool() {
    super("hello.greet", "Greets a person by name, in Hebrew (he) or English (en)", In.class,
        Out.class, ToolOptions.readOnly().build());
  }

  @Override
  protected Out run(In in, ToolContext context) {
    return new Out(("he".equals(in.language()) ? "שלום, " : "Hello, ") + in.name());
  }
}
