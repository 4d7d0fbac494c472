package dev.baton.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.model.fake.Fences;
import dev.baton.model.fake.ScriptedModelServer;
import dev.baton.model.fake.SeedTools;
import dev.baton.model.fake.Wire;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

class ModelPlannerTest {
  static final String SEED_REQUEST = "תקרא מה עשינו בדצמבר בתבואות ותקבע פגישה עם יואב";
  static final ToolCatalog CATALOG = SeedTools.catalog();
  static final PlanContext CONTEXT = new PlanContext(Instant.parse("2026-11-25T08:00:00Z"),
      ZoneId.of("Asia/Jerusalem"), null, List.of());

  private static ModelPlanner planner(Wire wire, ScriptedModelServer server) {
    return new ModelPlanner(new LangChain4jModel(wire.config(server)));
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void plansTheSeedRequestInOneModelCall(Wire wire) {
    try (var server = ScriptedModelServer.start("good-plan")) {
      PlanProposal proposal = planner(wire, server).plan(SEED_REQUEST, CATALOG, CONTEXT);

      assertThat(proposal.plan().steps()).extracting(Step::tool).containsExactly("files.search",
          "analysis.summarize", "contacts.find", "calendar.create_event", "editor.write");
      Step meeting = proposal.plan().step(StepId.of("meeting")).orElseThrow();
      assertThat(meeting.args().path("attendees").get(0).path("$ref").asString())
          .isEqualTo("contact#/matches/0/email");
      assertThat(proposal.reasons()).containsOnlyKeys(proposal.plan().steps().stream()
          .map(Step::id).toList());
      assertThat(proposal.reasons().get(StepId.of("meeting"))).contains("יואב");
      assertThat(proposal.language()).isEqualTo("he");
      assertThat(proposal.cost().modelCalls()).isEqualTo(1);
      assertThat(proposal.cost().inputTokens()).isEqualTo(1850);
      assertThat(proposal.cost().outputTokens()).isEqualTo(620);
      assertThat(server.exchanges()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void asksWithTheCatalogueTheRequestAndAPlanSchema(Wire wire) {
    try (var server = ScriptedModelServer.start("good-plan")) {
      planner(wire, server).plan(SEED_REQUEST, CATALOG, CONTEXT);

      JsonNode body = server.exchange(0).body();
      assertThat(wire.systemText(body)).isEqualTo(PlanningPrompt.SYSTEM);
      String user = wire.userText(body);
      assertThat(user).contains("- calendar.create_event [side effect]: Creates a calendar event",
          "- files.search: Finds documents", "\"durationMinutes\"", "Request:\n" + SEED_REQUEST,
          "Current time: 2026-11-25T10:00:00+02:00 (Wednesday, time zone Asia/Jerusalem)");
      JsonNode step = wire.responseSchema(body).path("properties").path("steps").path("items");
      assertThat(step.path("properties").path("tool").path("enum").values())
          .extracting(JsonNode::asString).containsExactly("files.search", "analysis.summarize",
              "contacts.find", "calendar.create_event", "editor.write");
      assertThat(step.path("required").values()).extracting(JsonNode::asString)
          .contains("id", "tool", "args", "reason");
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void givesTheExamplesAsEarlierGoodPlans(Wire wire) {
    Plan example = ModelAnswer.read(PlannerScripts.answer("good-plan")).plan();
    PlanContext withExample = new PlanContext(CONTEXT.now(), CONTEXT.zone(), "he",
        List.of(new PlanContext.Example("תסכם את נובמבר בתבואות", example)));
    try (var server = ScriptedModelServer.start("good-plan")) {
      planner(wire, server).plan(SEED_REQUEST, CATALOG, withExample);

      assertThat(wire.userText(server.exchange(0).body()))
          .contains("An earlier request and the plan that served it well:\n"
              + "Request: תסכם את נובמבר בתבואות\nPlan: {\"steps\":[{\"id\":\"search\"");
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void sendsTheProblemsBackAndTakesTheRepairedPlan(Wire wire) {
    try (var server = ScriptedModelServer.start("repaired-plan")) {
      PlanProposal proposal = planner(wire, server).plan(SEED_REQUEST, CATALOG, CONTEXT);

      assertThat(proposal.plan().step(StepId.of("meeting")).orElseThrow().tool())
          .isEqualTo("calendar.create_event");
      assertThat(proposal.cost().modelCalls()).isEqualTo(2);
      assertThat(proposal.cost().inputTokens()).isEqualTo(1850 + 2900);
      assertThat(proposal.cost().outputTokens()).isEqualTo(620 + 615);
      assertThat(server.exchanges()).hasSize(2);
      String repair = wire.userText(server.exchange(1).body());
      assertThat(repair).contains("Request:\n" + SEED_REQUEST);
      String problems = Fences.blocks(repair).getLast();
      assertThat(problems.lines()).anySatisfy(line -> assertThat(line)
          .startsWith("/steps/3/tool: unknown tool 'calendar.create'")
          .contains("calendar.create_event"));
      assertThat(problems.lines()).anySatisfy(line -> assertThat(line)
          .startsWith("/steps/4/args/intro: ").contains("no path '/summary_text'"));
      assertThat(Fences.blocks(repair)).anySatisfy(
          block -> assertThat(block).contains("\"tool\":\"calendar.create\""));
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void failsWithThePlanProblemsWhenRepairsRunOut(Wire wire) {
    try (var server = ScriptedModelServer.start("invalid-plan")) {
      ModelPlanner planner = planner(wire, server);

      assertThatThrownBy(() -> planner.plan(SEED_REQUEST, CATALOG, CONTEXT))
          .isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PLAN_INVALID);
            assertThat(e.problems()).extracting(Problem::location)
                .containsExactly("/steps/4/args/intro");
            assertThat(e.getMessage()).contains("after 2 repairs", "/steps/4/args/intro",
                "summary_text");
            assertThat(e.details()).containsEntry("modelCalls", "3");
          });
      assertThat(server.exchanges()).hasSize(1 + PlannerOptions.DEFAULT_MAX_REPAIRS);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void saysWhenTheRequestCannotBePlanned(Wire wire) {
    try (var server = ScriptedModelServer.start("not-understood")) {
      ModelPlanner planner = planner(wire, server);

      assertThatThrownBy(() -> planner.plan("תזמין לי טיסה לאילת", CATALOG, CONTEXT))
          .isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PLAN_NOT_UNDERSTOOD);
            assertThat(e.getMessage()).startsWith("אין לי כלי להזמנת טיסות");
            assertThat(e.details()).containsEntry("language", "he");
          });
      assertThat(server.exchanges()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void modelThatAnswersTooLateTimesOut(Wire wire) {
    try (var server = ScriptedModelServer.start("timeout")) {
      ModelPlanner planner = new ModelPlanner(new LangChain4jModel(wire.config(server)),
          new PlannerOptions(2, Duration.ofMillis(300)));

      assertThatThrownBy(() -> planner.plan(SEED_REQUEST, CATALOG, CONTEXT))
          .isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MODEL_TIMEOUT);
            assertThat(e.retryable()).isTrue();
          });
      assertThat(server.exchanges()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void retriesARateLimitedCallAndCountsOneModelCall(Wire wire) {
    try (var server = ScriptedModelServer.start("rate-limited")) {
      PlanProposal proposal = planner(wire, server).plan(SEED_REQUEST, CATALOG, CONTEXT);

      assertThat(proposal.plan().steps()).hasSize(5);
      assertThat(proposal.cost().modelCalls()).isEqualTo(1);
      assertThat(server.exchanges()).hasSize(2);
      assertThat(server.exchange(1).body()).isEqualTo(server.exchange(0).body());
    }
  }
}
