package dev.baton.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.memory.InMemoryResolutionMemory;
import dev.baton.core.feedback.ResolutionMemory;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.tool.ToolCatalog;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whom a name means, as a colleague would decide: exact names before similar ones, the context
 * the request gives (with Hebrew prefixes on people and organisations), remembered answers, and a
 * question with the evidence when still unsure.
 */
class PersonResolutionTest {
  @TempDir
  static Path workspace;

  static ToolCatalog catalog;

  @BeforeAll
  static void demo() {
    catalog = DemoCatalog.create(workspace);
  }

  private static PlanProposal plan(String request) {
    return new OfflinePlanner().plan(request, catalog, DemoCatalog.context());
  }

  private static String tools(PlanProposal p) {
    return p.plan().steps().stream().map(Step::tool).toList().toString();
  }

  private static String args(PlanProposal p, String step) {
    return p.plan().step(StepId.of(step)).orElseThrow().args().toString();
  }

  @Test
  void yoelIsNotYoav() {
    PlanProposal p = plan("meeting with Yoel on Sunday");
    assertThat(tools(p)).doesNotContain("ask.choose");
    assertThat(p.reasons().get(StepId.of("contact"))).contains("יואל כהן");
    assertThat(args(plan("תקבע פגישה עם יואב"), "who")).doesNotContain("יואל");
  }

  @Test
  void prefixesOnPeopleAndOrganisationsAreContextNotStrangers() {
    PlanProposal two = plan("תקבע פגישה עם דנה ויואב מתבואות מחר");
    assertThat(tools(two)).doesNotContain("ask.").contains("contacts.find, contacts.find");
    assertThat(two.reasons().get(StepId.of("contact2"))).contains("יואב כהן", "תבואות");
    PlanProposal to = plan("תשלח ליואב מתבואות זימון לפגישה ביום ראשון");
    assertThat(to.reasons().get(StepId.of("contact"))).contains("יואב כהן");
    assertThat(args(plan("פגישה עם יואב בתבואות מחר ב-9"), "contact")).contains("תבואות");
  }

  @Test
  void aTypoIsAskedAboutWithTheSimilarNamesAndAStrangerIsAskedForAnAddress() {
    PlanProposal typo = plan("schedule a meeting with Noah next week");
    assertThat(tools(typo)).contains("ask.choose");
    assertThat(args(typo, "who")).contains("noa.barak@tevuot.co.il", "a similar name");
    PlanProposal stranger = plan("set up a meeting with Ronen next week");
    assertThat(tools(stranger)).startsWith("[ask.fill");
    assertThat(args(stranger, "address")).contains("Ronen", "email");
  }

  @Test
  void theCandidatesAreRankedByTheirPresenceInTheWorkspace() {
    String who = args(plan("schedule a meeting with Yoav"), "who");
    assertThat(who.indexOf("yoav.cohen@tevuot.co.il")).isLessThan(who.indexOf("yoav.c@startup"))
        .isLessThan(who.indexOf("yoav.levi@"));
    assertThat(who).contains("of Tevuot's documents", "meetings in the calendar");
  }

  @Test
  void aRememberedAnswerIsUsedForTheSamePurposeOnly() {
    ResolutionMemory memory = new InMemoryResolutionMemory();
    memory.remember(new ResolutionMemory.Resolution("acme", "yoav", "meet",
        "yoav.levi@levidesign.example", "Yoav Levi (Levi Design)", Instant.now()));
    OfflinePlanner planner = new OfflinePlanner(memory);
    var acme = new dev.baton.core.planning.PlanContext(DemoCatalog.CLOCK.instant(),
        DemoCatalog.ZONE, null, java.util.List.of(), "acme");

    PlanProposal meet = planner.plan("schedule a meeting with Yoav next week", catalog, acme);
    assertThat(tools(meet)).doesNotContain("ask.choose");
    assertThat(meet.reasons().get(StepId.of("contact"))).contains("Yoav Levi", "chose them before");
    assertThat(args(meet, "contact")).contains("Levi Design");
    assertThat(tools(planner.plan("what's Yoav's email", catalog, acme))).contains("ask.choose");
    assertThat(tools(planner.plan("schedule a meeting with Yoav next week", catalog,
        DemoCatalog.context()))).contains("ask.choose");
  }

  @Test
  void whatWeWroteIsSearchedAndSummarised() {
    assertThat(tools(plan("summarise what we wrote about the vendors")))
        .isEqualTo("[files.search, analysis.summarize]");
    assertThat(args(plan("תסכם מה שכתבנו על הפיילוט"), "search")).contains("פיילוט")
        .doesNotContain("תבנו");
  }
}
