package dev.baton.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.error.ErrorCode;
import dev.baton.core.json.Json;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.StepId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EventJsonTest {
  @Test
  void everyKindOfEventSurvivesJson() {
    ExecutionId id = ExecutionId.of("ex-1");
    Instant t = Instant.parse("2026-12-01T10:00:00.123Z");
    StepId s = StepId.of("s");
    ApprovalId a = ApprovalId.of(id, s, 1);
    ObjectNode args = (ObjectNode) Json.parse("{\"to\":\"יואב\"}", ErrorCode.INTERNAL, "x");
    ErrorInfo err = new ErrorInfo(ErrorCode.TOOL_UNAVAILABLE, "down", true);
    var plan = PlanCodec.parse("{\"steps\":[{\"id\":\"s\",\"tool\":\"x\",\"args\":{\"a\":1},"
        + "\"title\":{\"he\":\"שלב\"}}]}");
    List<Event> events = List.of(
        new Event.ExecutionCreated(id, 1, t, "tenant", "תקרא", plan, ExecutionOptions.DEFAULTS
            .withApprovalTimeout(Duration.ofMinutes(5), ExpiryPolicy.ESCALATE)),
        new Event.PlanVersionCreated(id, 2, t, 2, plan, "edited"),
        new Event.PlanApprovalRequested(id, 3, t, 1),
        new Event.PlanApprovalDecided(id, 4, t, true, "dana", null),
        new Event.StatusChanged(id, 5, t, ExecutionStatus.QUEUED, ExecutionStatus.RUNNING, "go"),
        new Event.StepStarted(id, 6, t, s),
        new Event.StepStage(id, 7, t, s, Event.Stage.LOCK_ACQUIRED, "calendar:team"),
        new Event.AttemptStarted(id, 8, t, s, 1, args),
        new Event.AttemptFailed(id, 9, t, s, 1, err, Duration.ofMillis(250)),
        new Event.StepLogged(id, 10, t, s, "INFO", "שלום"),
        new Event.ApprovalRequested(id, 11, t, a, s, "x", args, t.plusSeconds(60),
            ExpiryPolicy.REJECT, "“פגישה” 10:30–11:30"),
        new Event.ApprovalExpired(id, 12, t, a, s, ExpiryPolicy.ESCALATE),
        new Event.ApprovalDecided(id, 13, t, a, s, true, args, "dana", "ok"),
        new Event.StepSucceeded(id, 14, t, s, args, 2, Duration.ofMillis(40), false),
        new Event.StepFailed(id, 15, t, s, err, 3),
        new Event.StepSkipped(id, 16, t, s, "dependency failed"),
        new Event.StepCancelled(id, 17, t, s),
        new Event.ModelUsed(id, 18, t, "planning", "google:gemini-2.5-flash", 2, 3421, 180,
            Duration.ofMillis(900)));
    for (Event e : events) {
      String json = Json.write(e);
      assertThat(json).startsWith("{\"type\":\"" + e.getClass().getSimpleName() + "\"");
      assertThat(Json.mapper().readValue(json, Event.class)).isEqualTo(e);
    }
  }
}
