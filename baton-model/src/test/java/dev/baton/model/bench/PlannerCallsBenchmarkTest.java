package dev.baton.model.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerCallsBenchmarkTest {
  @Test
  void plannerMakesOneModelCallForTheSeedRequest() {
    PlannerCallsBenchmark.Cost planner = PlannerCallsBenchmark.planner();

    assertThat(planner.calls()).isEqualTo(1);
    assertThat(planner.promptTokens()).isPositive();
  }

  @Test
  void agentMakesACallPerToolAndOneToAnswerEachResendingTheConversation() {
    PlannerCallsBenchmark.Cost agent = PlannerCallsBenchmark.agent();

    assertThat(agent.calls()).isEqualTo(6);
    assertThat(agent.promptTokensPerCall()).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void tableHasBothApproachesAndTheirRatio() {
    var planner = new PlannerCallsBenchmark.Cost("planner", List.of(2000L), 600);
    var agent = new PlannerCallsBenchmark.Cost("agent", List.of(1000L, 1500L, 2500L),
        300);

    assertThat(PlannerCallsBenchmark.markdown(planner, agent).lines()).contains(
        "| planner | 1 | 2000 | 600 | 2000 |",
        "| agent | 3 | 5000 | 300 | 1000, 1500, 2500 |",
        "| Agent ÷ planner | 3.0× | 2.5× | 0.5× | |");
  }
}
