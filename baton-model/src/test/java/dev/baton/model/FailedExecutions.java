package dev.baton.model;

import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.StepId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Builds the state of an execution in which some steps succeeded and one failed for good. */
final class FailedExecutions {
  private static final Instant AT = Instant.parse("2026-11-25T08:00:00Z");

  private FailedExecutions() {}

  static ExecutionState of(String request, Plan plan, Map<StepId, JsonNode> outputs,
      StepId failed, ErrorInfo error) {
    ExecutionId id = ExecutionId.random();
    List<Event> events = new ArrayList<>();
    events.add(new Event.ExecutionCreated(id, 1, AT, "default", request, plan,
        ExecutionOptions.DEFAULTS));
    outputs.forEach((step, output) -> {
      events.add(new Event.StepStarted(id, events.size() + 1, AT, step));
      events.add(new Event.StepSucceeded(id, events.size() + 1, AT, step, output, 1,
          Duration.ofMillis(40), false));
    });
    events.add(new Event.StepStarted(id, events.size() + 1, AT, failed));
    events.add(new Event.StepFailed(id, events.size() + 1, AT, failed, error, 1));
    return ExecutionState.replay(events);
  }
}
