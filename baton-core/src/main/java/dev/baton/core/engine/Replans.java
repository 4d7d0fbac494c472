package dev.baton.core.engine;

import dev.baton.core.error.Problem;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.StepState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanValidator;
import dev.baton.core.plan.Step;
import dev.baton.core.tool.ToolCatalog;
import java.util.List;

/** What makes a replanned plan acceptable. Pure. */
final class Replans {
  private Replans() {}

  /**
   * Why {@code plan} cannot replace the current one, or null: it must be valid and keep every step
   * that already succeeded (and every step still running) with the same tool and arguments.
   */
  static String problemWith(Plan plan, ExecutionState state, ToolCatalog catalog) {
    List<Problem> problems = new PlanValidator(catalog).validate(plan);
    if (!problems.isEmpty()) {
      return "invalid: " + problems;
    }
    for (StepState st : state.steps().values()) {
      if (st.status() != StepStatus.SUCCEEDED && !st.status().inFlight()) {
        continue;
      }
      Step before = state.plan().step(st.id()).orElseThrow();
      Step after = plan.step(st.id()).orElse(null);
      if (after == null || !after.tool().equals(before.tool())
          || !after.args().equals(before.args())) {
        return "step " + st.id() + " already " + st.status().name().toLowerCase()
            + " and must be kept unchanged";
      }
    }
    return null;
  }
}
