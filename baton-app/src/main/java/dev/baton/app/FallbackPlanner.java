package dev.baton.app;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.planning.Planner;
import dev.baton.core.text.Redactor;
import dev.baton.core.tool.ToolCatalog;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The model's planner, with the offline planner behind it: when the configured model cannot be
 * reached (down, timing out, rate-limited), the request is planned offline instead and a warning
 * says so, rather than the command failing. A model that answers but refuses, or a request that
 * cannot be understood, is not a reason to fall back. Replanning stays with the model.
 */
final class FallbackPlanner implements Planner {
  /** Failures that mean the model was not reached, as opposed to reached and refusing. */
  static final Set<ErrorCode> UNREACHABLE = Set.of(ErrorCode.MODEL_FAILED,
      ErrorCode.MODEL_TIMEOUT, ErrorCode.MODEL_RATE_LIMITED);

  private final Planner model;
  private final Planner offline;
  private final String modelName;
  private final Consumer<String> warn;

  FallbackPlanner(Planner model, Planner offline, String modelName, Consumer<String> warn) {
    this.model = model;
    this.offline = offline;
    this.modelName = modelName;
    this.warn = warn;
  }

  @Override
  public PlanProposal plan(String request, ToolCatalog catalog, PlanContext context) {
    try {
      return model.plan(request, catalog, context);
    } catch (BatonException e) {
      if (!UNREACHABLE.contains(e.code())) {
        throw e;
      }
      warn.accept("the model " + modelName + " cannot be reached ("
          + Redactor.clean(firstLine(e.getMessage())) + "); planned offline instead"
          + " (planner.fallback=none turns this off)");
      return offline.plan(request, catalog, context);
    }
  }

  @Override
  public Optional<PlanProposal> replan(ExecutionState state, StepId failed, ErrorInfo error,
      ToolCatalog catalog, PlanContext context) {
    return model.replan(state, failed, error, catalog, context);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
