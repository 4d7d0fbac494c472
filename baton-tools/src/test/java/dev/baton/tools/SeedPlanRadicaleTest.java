package dev.baton.tools;

import dev.baton.testkit.Radicale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.plan.PlanValidator;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.tools.workspace.DemoWorkspace;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedPlanRadicaleTest {
  static Radicale radicale;

  @TempDir
  Path workspace;

  @BeforeAll
  static void start() throws Exception {
    radicale = Radicale.start();
  }

  @AfterAll
  static void stop() throws Exception {
    radicale.close();
  }

  @Test
  void seedPlanCreatesTheMeetingOnTheCalDavServer() throws Exception {
    DemoWorkspace.create(workspace, SeedPlan.TODAY);
    URI calendar = radicale.url("alice", "seed-calendar");
    URI book = radicale.url("alice", "seed-contacts");
    DavFixtures.putContacts(book, Files.readString(workspace.resolve("contacts.vcf")));
    var config = AgentsConfig.embedded(workspace).withClock(SeedPlan.CLOCK)
        .withCalendar(AgentsConfig.Calendar.calDav(new AgentsConfig.Dav(calendar, "alice", "x")))
        .withContacts(AgentsConfig.Contacts.cardDav(new AgentsConfig.Dav(book, "alice", "x")));
    var tools = BuiltInAgents.tools(config);
    var plan = SeedPlan.load();
    assertThat(new PlanValidator(ToolCatalog.of(tools)).validate(plan)).isEmpty();

    var out = SeedPlan.run(plan, tools, "exec-seed-dav");

    String uid = out.get(StepId.of("meeting")).get("uid").asString();
    String body = Radicale.calendarData(calendar);
    assertThat(body).contains("UID:" + uid).contains("yoav.cohen@tevuot.co.il");
    assertThat(workspace.resolve("agendas/tevuot-december-review.md")).exists();
  }
}
