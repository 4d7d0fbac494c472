package dev.baton.model;

import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.json.Json;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.port.LanguageModel.Part;
import dev.baton.core.tool.ToolCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The parts that ask for a new plan after a step failed for good: the catalogue and time, the
 * request, the current plan, each succeeded step's output and the failure, then what to do. Tool
 * outputs, the error and the plan (which may quote them) are fenced as data.
 */
final class ReplanPrompt {
  private ReplanPrompt() {}

  static List<Part> forFailure(ExecutionState state, StepId failed, ErrorInfo error,
      ToolCatalog catalog, PlanContext context, String language) {
    List<Part> parts = new ArrayList<>(PlanningPrompt.background(catalog, context, language));
    parts.add(Part.trusted("Request:\n" + state.request()));
    parts.add(Part.trusted("The plan being carried out:"));
    parts.add(Part.untrusted(PlanCodec.write(state.plan())));
    var outputs = state.outputs();
    outputs.forEach((id, output) -> {
      parts.add(Part.trusted("Step " + id + " (" + toolOf(state, id) + ") succeeded. Its output:"));
      parts.add(Part.untrusted(Json.write(output)));
    });
    parts.add(Part.trusted("Step " + failed + " (" + toolOf(state, failed) + ") failed for good ("
        + error.code() + "). Its error:"));
    parts.add(Part.untrusted(error.message() == null ? "" : error.message()));
    String kept = outputs.keySet().stream().map(StepId::value)
        .collect(Collectors.joining(", "));
    parts.add(Part.trusted("Answer with a new, complete plan that still meets the request. "
        + (kept.isEmpty() ? "" : "Keep the steps that succeeded (" + kept + ") exactly as they "
            + "are: same id, tool and args; their outputs are reused, not made again. ")
        + "Replace step " + failed + " or change its arguments, and adjust the steps that "
        + "depend on it. If no plan can meet the request now, answer "
        + "{\"steps\": [], \"notUnderstood\": \"<why, in the language of the request>\"}."));
    return parts;
  }

  private static String toolOf(ExecutionState state, StepId id) {
    return state.plan().step(id).map(Step::tool).orElse("unknown tool");
  }
}
