package dev.baton.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.plan.PlanValidator;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.tools.workspace.DemoWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedPlanTest {
  @TempDir
  Path workspace;

  @Test
  void seedPlanIsValidAgainstTheBuiltInAgents() throws Exception {
    var tools = BuiltInAgents.tools(AgentsConfig.embedded(workspace));
    assertThat(new PlanValidator(ToolCatalog.of(tools)).validate(SeedPlan.load())).isEmpty();
  }

  @Test
  void seedPlanRunsOnTheDemoWorkspaceAndCreatesTheMeetingAndTheAgenda() throws Exception {
    DemoWorkspace.create(workspace, SeedPlan.TODAY);
    var config = AgentsConfig.embedded(workspace).withClock(SeedPlan.CLOCK);
    var out = SeedPlan.run(SeedPlan.load(), BuiltInAgents.tools(config), "exec-seed");

    assertThat(out.get(StepId.of("search")).get("paths").size()).isGreaterThanOrEqualTo(10);
    assertThat(out.get(StepId.of("search")).get("paths").toString())
        .doesNotContain("orchard").doesNotContain("11-20");
    assertThat(out.get(StepId.of("analyze")).get("decisions").size()).isPositive();
    assertThat(out.get(StepId.of("analyze")).get("openItems").size()).isPositive();
    assertThat(out.get(StepId.of("contact")).get("matches").get(0).get("email").asString())
        .isEqualTo("yoav.cohen@tevuot.co.il");
    assertThat(out.get(StepId.of("contact")).get("ambiguous").asBoolean()).isFalse();

    var meeting = out.get(StepId.of("meeting"));
    String uid = meeting.get("uid").asString();
    String ics = Files.readString(workspace.resolve("calendar.ics"));
    assertThat(ics).contains("UID:" + uid).contains("mailto:yoav.cohen@tevuot.co.il");
    assertThat(meeting.get("created").asBoolean()).isTrue();

    Path agenda = workspace.resolve("agendas/tevuot-december-review.md");
    assertThat(agenda).exists();
    assertThat(Files.readString(agenda)).contains("סקירת דצמבר").contains(meeting.get("link")
        .asString());
  }
}
