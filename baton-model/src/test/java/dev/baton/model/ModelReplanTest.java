package dev.baton.model;

import static dev.baton.model.ModelPlannerTest.CATALOG;
import static dev.baton.model.ModelPlannerTest.CONTEXT;
import static dev.baton.model.ModelPlannerTest.SEED_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanProposal;
import dev.baton.model.fake.Fences;
import dev.baton.model.fake.ScriptedModelServer;
import dev.baton.model.fake.SeedTools;
import dev.baton.model.fake.Wire;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

class ModelReplanTest {
  static final StepId MEETING = StepId.of("meeting");
  static final ErrorInfo NO_FREE_HOUR = new ErrorInfo(ErrorCode.TOOL_FAILED,
      "no free hour for all attendees before 2026-12-10T09:00:00+02:00", false);

  /** The seed plan with search, analyze and contact done and the meeting failed for good. */
  static ExecutionState meetingFailed(SeedTools.Summary summary) {
    Plan seed = ModelAnswer.read(PlannerScripts.answer("good-plan")).plan();
    Map<StepId, JsonNode> outputs = new LinkedHashMap<>();
    outputs.put(StepId.of("search"), Json.tree(SeedTools.SEARCH_RESULT));
    outputs.put(StepId.of("analyze"), Json.tree(summary));
    outputs.put(StepId.of("contact"), Json.tree(SeedTools.YOAV));
    return FailedExecutions.of(SEED_REQUEST, seed, outputs, MEETING, NO_FREE_HOUR);
  }

  private static Optional<PlanProposal> replan(Wire wire, ScriptedModelServer server,
      ExecutionState state) {
    return new ModelPlanner(new LangChain4jModel(wire.config(server)))
        .replan(state, MEETING, NO_FREE_HOUR, CATALOG, CONTEXT);
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void keepsTheFinishedStepsAndReplacesTheFailedOne(Wire wire) {
    ExecutionState state = meetingFailed(SeedTools.SUMMARY);
    try (var server = ScriptedModelServer.start("replan")) {
      PlanProposal proposal = replan(wire, server, state).orElseThrow();

      for (String kept : new String[] {"search", "analyze", "contact"}) {
        Step before = state.plan().step(StepId.of(kept)).orElseThrow();
        Step after = proposal.plan().step(StepId.of(kept)).orElseThrow();
        assertThat(after.tool()).isEqualTo(before.tool());
        assertThat(after.args()).isEqualTo(before.args());
      }
      assertThat(proposal.plan().step(MEETING).orElseThrow().args().path("start").asString())
          .isEqualTo("2026-12-10T09:00:00+02:00");
      assertThat(proposal.reasons().get(MEETING)).contains("10.12");
      assertThat(proposal.cost().modelCalls()).isEqualTo(1);
      assertThat(proposal.cost().inputTokens()).isEqualTo(2600);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void sendsTheOutputsAndTheErrorAsFencedData(Wire wire) {
    ExecutionState state = meetingFailed(SeedTools.SUMMARY);
    try (var server = ScriptedModelServer.start("replan")) {
      replan(wire, server, state);

      String user = wire.userText(server.exchange(0).body());
      assertThat(Fences.blocks(user)).contains(Json.write(Json.tree(SeedTools.SUMMARY)),
          Json.write(Json.tree(SeedTools.YOAV)), NO_FREE_HOUR.message());
      assertThat(Fences.outside(user)).contains("Request:\n" + SEED_REQUEST,
          "Step analyze (analysis.summarize) succeeded. Its output:",
          "Step meeting (calendar.create_event) failed for good (TOOL_FAILED). Its error:",
          "Keep the steps that succeeded (search, analyze, contact) exactly as they are")
          .doesNotContain(SeedTools.SUMMARY.summary(), NO_FREE_HOUR.message());
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void sendsBackAReplanThatChangesAFinishedStep(Wire wire) {
    ExecutionState state = meetingFailed(SeedTools.SUMMARY);
    try (var server = ScriptedModelServer.start("replan-repaired")) {
      PlanProposal proposal = replan(wire, server, state).orElseThrow();

      assertThat(proposal.plan().step(StepId.of("search")).orElseThrow().args())
          .isEqualTo(state.plan().step(StepId.of("search")).orElseThrow().args());
      assertThat(proposal.cost().modelCalls()).isEqualTo(2);
      String problems = Fences.blocks(wire.userText(server.exchange(1).body())).getLast();
      assertThat(problems).startsWith("/steps/0/args: step 'search' succeeded with these "
          + "arguments; keep them unchanged");
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void hasNoPlanWhenTheModelSaysNothingCanMeetTheRequest(Wire wire) {
    try (var server = ScriptedModelServer.start("replan-gives-up")) {
      assertThat(replan(wire, server, meetingFailed(SeedTools.SUMMARY))).isEmpty();
    }
  }
}
