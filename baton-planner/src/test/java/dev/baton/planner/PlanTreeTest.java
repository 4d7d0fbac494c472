package dev.baton.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.plan.Title;
import dev.baton.core.planning.PlanCost;
import dev.baton.core.planning.PlanProposal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTreeTest {
  @Test
  void drawsEachStepUnderItsLastDependencyWithItsReason() {
    var a = new Step(StepId.of("a"), "files.search", Json.object(), new Title("חיפוש", "Search"),
        List.of(), false);
    var b = new Step(StepId.of("b"), "contacts.find", Json.object(), new Title("איתור", "Find"),
        List.of(), false);
    var c = new Step(StepId.of("c"), "calendar.create_event", Json.object(),
        new Title("פגישה", "Meet"), List.of(StepId.of("a"), StepId.of("b")), false);
    var proposal = new PlanProposal(new Plan(List.of(a, b, c)), Map.of(StepId.of("a"), "first",
        StepId.of("b"), "second", StepId.of("c"), "third"), PlanCost.NONE, "en");

    assertThat(PlanTree.render(proposal, "en")).isEqualTo("""
        Plan (3 steps)
        ├─ a · files.search — Search
        │  why: first
        └─ b · contacts.find — Find
           why: second
           └─ c · calendar.create_event — Meet  (also after a)
              why: third
        """);
    assertThat(PlanTree.render(proposal, "he")).startsWith("תוכנית (3 צעדים)\n├─ a · files.search — חיפוש");
  }
}
