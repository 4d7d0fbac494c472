package dev.baton.tools;

import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.References;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The seed plan file and a by-hand runner of its steps in order, as the engine would. */
final class SeedPlan {
  /** The demo "today": January, so that "December" in the plan is last month. */
  static final LocalDate TODAY = LocalDate.of(2026, 1, 20);
  static final Clock CLOCK = Clock.fixed(TODAY.atTime(LocalTime.of(8, 30))
      .atZone(AgentsConfig.DEFAULT_ZONE).toInstant(), AgentsConfig.DEFAULT_ZONE);

  private SeedPlan() {}

  static Plan load() throws IOException {
    Path file = Path.of("..", "examples", "seed-plan.json");
    return PlanCodec.parse(Files.readString(file));
  }

  /** Runs the steps in plan order (which is a dependency order), resolving references. */
  static Map<StepId, JsonNode> run(Plan plan, List<Tool> tools, String execution)
      throws Exception {
    ToolCatalog catalog = ToolCatalog.of(tools);
    Map<StepId, JsonNode> outputs = new LinkedHashMap<>();
    for (Step step : plan.steps()) {
      var args = References.resolve(step.args(), outputs);
      outputs.put(step.id(), catalog.get(step.tool()).call(args,
          Contexts.of(execution, step.id().value())));
    }
    return outputs;
  }
}
