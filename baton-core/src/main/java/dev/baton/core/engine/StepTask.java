package dev.baton.core.engine;

import dev.baton.core.exec.ExecutionId;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.Tool;
import tools.jackson.databind.node.ObjectNode;

/** Everything a step's thread needs, fixed when the runner launches it. */
record StepTask(ExecutionId execution, String tenant, StepId step, Tool tool,
    ObjectNode arguments) {

  /** Stable per execution and step, across attempts and restarts. */
  String idempotencyKey() {
    return execution.value() + "/" + step.value();
  }
}
