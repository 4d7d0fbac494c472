package dev.baton.tools.ask;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.util.List;
import java.util.Optional;

/**
 * {@code ask.choose}: a clarifying question a person answers by choosing one of ranked candidates,
 * each with the reason it is offered. The engine asks it as a human step (durable, answerable at
 * the prompt, with {@code baton answer}, or by API); the answer, {@code {"value": …}}, is the
 * step's output. With no answer before the execution's approval timeout, the execution's expiry
 * policy applies: the step is skipped (and what needs it) or the question escalates and waits.
 */
public final class AskChooseTool extends TypedTool<AskChooseTool.Input, Answer> {
  public static final String NAME = "ask.choose";

  public AskChooseTool() {
    super(NAME, "Asks the person to choose one of ranked candidates (each with its reason);"
        + " the answer's value is the chosen candidate's value.", Input.class, Answer.class,
        ToolOptions.answeredByPerson().build());
  }

  /**
   * @param question what to ask, in the request's language
   * @param candidates best first
   * @param name the name asked about (folded), so the answer can be remembered for it
   * @param purpose what the request wanted of the person (e.g. meet), the memory's other key
   */
  public record Input(String question, List<Candidate> candidates, Optional<String> name,
      Optional<String> purpose) {}

  /**
   * @param value what the answer carries on (e.g. an e-mail address)
   * @param label how the candidate is shown
   * @param reason why it is offered (the evidence)
   */
  public record Candidate(String value, String label, String reason) {}

  @Override
  protected Answer run(Input in, ToolContext ctx) {
    throw ToolFailure.permanent("a person answers " + NAME + "; it is never called");
  }
}
