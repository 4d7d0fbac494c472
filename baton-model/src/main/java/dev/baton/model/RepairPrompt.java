package dev.baton.model;

import dev.baton.core.error.Problem;
import dev.baton.core.port.LanguageModel.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The parts that ask the model to fix its plan: everything it was first told, its previous answer,
 * and every problem with its location (a JSON pointer into that answer). The answer and the
 * problems are fenced as data: in a replan they may quote tool output.
 */
final class RepairPrompt {
  private RepairPrompt() {}

  static List<Part> after(List<Part> firstParts, String previousAnswer, List<Problem> problems) {
    List<Part> parts = new ArrayList<>(firstParts);
    parts.add(Part.trusted("Your previous answer, which is not a valid plan yet:"));
    parts.add(Part.untrusted(previousAnswer));
    parts.add(Part.trusted("Its problems, one per line as JSON-pointer location: problem:"));
    parts.add(Part.untrusted(problems.stream().map(Problem::toString)
        .collect(Collectors.joining("\n"))));
    parts.add(Part.trusted("Fix every problem and answer with the whole corrected plan, all "
        + "steps included, in the same JSON format."));
    return parts;
  }
}
