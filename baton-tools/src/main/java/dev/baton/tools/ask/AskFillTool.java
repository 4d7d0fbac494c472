package dev.baton.tools.ask;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;

/**
 * {@code ask.fill}: a clarifying question a person answers with a missing value (an e-mail
 * address, a date, a subject). Asked and timed out like {@link AskChooseTool}; the answer,
 * {@code {"value": …}}, is the step's output.
 */
public final class AskFillTool extends TypedTool<AskFillTool.Input, Answer> {
  public static final String NAME = "ask.fill";

  public AskFillTool() {
    super(NAME, "Asks the person for a missing value (an e-mail address, a date, a subject);"
        + " the answer's value is what they gave.", Input.class, Answer.class,
        ToolOptions.answeredByPerson().build());
  }

  /**
   * @param question what to ask, in the request's language
   * @param kind what the value is: email, date, text
   */
  public record Input(String question, String kind) {}

  @Override
  protected Answer run(Input in, ToolContext ctx) {
    throw ToolFailure.permanent("a person answers " + NAME + "; it is never called");
  }
}
