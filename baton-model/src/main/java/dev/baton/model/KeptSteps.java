package dev.baton.model;

import dev.baton.core.error.Problem;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a replan against the plan it replaces: every step that succeeded is still there with the
 * same id, tool and arguments (its output is reused), and the step that failed for good is not
 * kept as it was (it would only fail again).
 */
final class KeptSteps {
  private KeptSteps() {}

  static List<Problem> check(Plan before, Set<StepId> succeeded, StepId failed, Plan after) {
    List<Problem> problems = new ArrayList<>();
    for (StepId id : succeeded) {
      Step old = before.step(id).orElseThrow();
      int i = indexOf(after, id);
      if (i < 0) {
        problems.add(new Problem("/steps", "step '" + id + "' succeeded and must stay unchanged "
            + "(tool " + old.tool() + ", args " + Json.write(old.args()) + ")"));
        continue;
      }
      Step now = after.steps().get(i);
      if (!now.tool().equals(old.tool())) {
        problems.add(new Problem("/steps/" + i + "/tool", "step '" + id + "' succeeded with tool "
            + old.tool() + "; keep it unchanged"));
      }
      if (!now.args().equals(old.args())) {
        problems.add(new Problem("/steps/" + i + "/args", "step '" + id + "' succeeded with "
            + "these arguments; keep them unchanged: " + Json.write(old.args())));
      }
    }
    int f = indexOf(after, failed);
    Step old = before.step(failed).orElse(null);
    if (f >= 0 && old != null && after.steps().get(f).tool().equals(old.tool())
        && after.steps().get(f).args().equals(old.args())) {
      problems.add(new Problem("/steps/" + f, "step '" + failed + "' failed for good with these "
          + "arguments; replace it or change its arguments"));
    }
    return problems;
  }

  private static int indexOf(Plan plan, StepId id) {
    for (int i = 0; i < plan.steps().size(); i++) {
      if (plan.steps().get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
