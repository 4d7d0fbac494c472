package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.error.BatonException;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Asking a person to approve (and perhaps trim) a whole plan before it runs. */
final class PlanApproval {
  private PlanApproval() {}

  static void ask(BatonApp app, Terminal terminal, ExecutionId id, boolean yes) {
    if (yes) {
      app.engine().decidePlan(id, true, null, Main.who(), "--yes");
      return;
    }
    if (!terminal.interactive()) {
      terminal.out().println("the plan waits for approval: baton approve " + id);
      return;
    }
    ExecutionState s = app.engine().state(id);
    terminal.out().println("The plan:");
    for (Step step : s.plan().steps()) {
      terminal.out().println("  " + step.id() + "  " + step.tool() + "  "
          + dev.baton.core.text.Visible.line(dev.baton.core.json.Json.write(step.args())));
    }
    while (true) {
      String answer = terminal.ask("[a]pprove  [r]eject  [d]rop steps (comma-separated) > ");
      if (answer == null || answer.startsWith("r")) {
        app.engine().decidePlan(id, false, null, Main.who(), null);
        return;
      }
      try {
        if (answer.startsWith("a")) {
          app.engine().decidePlan(id, true, null, Main.who(), null);
          return;
        }
        if (answer.startsWith("d")) {
          String list = terminal.ask("steps to drop > ");
          Set<StepId> drop = Arrays.stream(list == null ? new String[0] : list.split(","))
              .map(String::trim).filter(x -> !x.isEmpty()).map(StepId::of)
              .collect(Collectors.toSet());
          Plan edited = s.plan().without(drop);
          app.engine().decidePlan(id, true, edited, Main.who(), "dropped " + drop);
          return;
        }
      } catch (BatonException | IllegalArgumentException e) {
        terminal.out().println(Errors.PREFIX + e.getMessage());
      }
    }
  }
}
