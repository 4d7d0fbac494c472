package dev.baton.core.tool;

import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts a question to the person behind an execution while a tool call runs, and waits for the
 * answer (an MCP server's elicitation goes through here). The question is one of the execution's
 * human steps: listed with the others, answered the same way, never answered automatically. While
 * it waits, the step's timeout does not run.
 */
@FunctionalInterface
public interface Asker {
  /**
   * @param answerSchema a JSON schema of an object: what the answer must fit
   * @return the person's answer, fitting {@code answerSchema}; empty when none will come (the
   *     question expired, or no one can be asked here, as in a dry run)
   * @throws InterruptedException when the step is cancelled while it waits
   */
  Optional<JsonNode> ask(String message, ObjectNode answerSchema) throws InterruptedException;

  /** No one to ask: every question goes unanswered. */
  Asker NOBODY = (message, schema) -> Optional.empty();
}
