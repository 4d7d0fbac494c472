package dev.baton.model;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanValidator;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.planning.PlanCost;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.planning.Planner;
import dev.baton.core.port.LanguageModel;
import dev.baton.core.port.LanguageModel.Part;
import dev.baton.core.port.LanguageModel.Prompt;
import dev.baton.core.port.LanguageModel.Reply;
import dev.baton.core.tool.ToolCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A {@link Planner} that asks a language model for the whole plan in one structured-output call,
 * then checks it with {@link PlanValidator}. While problems remain it sends them back, with their
 * locations, up to {@link PlannerOptions#maxRepairs()} times. The cost counts every model call.
 *
 * <p>Failures: PLAN_NOT_UNDERSTOOD with the model's explanation when it says it cannot plan the
 * request; PLAN_INVALID listing the problems left after the last repair (details hold the cost so
 * far); MODEL_* from the model, unchanged. Thread-safe if the model is.
 */
public final class ModelPlanner implements Planner {
  private final LanguageModel model;
  private final PlannerOptions options;

  public ModelPlanner(LanguageModel model) {
    this(model, PlannerOptions.DEFAULTS);
  }

  public ModelPlanner(LanguageModel model, PlannerOptions options) {
    this.model = model;
    this.options = options;
  }

  @Override
  public PlanProposal plan(String request, ToolCatalog catalog, PlanContext context) {
    String language = languageOf(request, context);
    List<Part> parts = PlanningPrompt.forRequest(request, catalog, context, language);
    Outcome outcome = planWithRepairs(parts, catalog, plan -> List.of());
    if (!outcome.answer().understood()) {
      throw BatonException.builder(ErrorCode.PLAN_NOT_UNDERSTOOD, outcome.answer().notUnderstood())
          .details(Map.of("language", language)).build();
    }
    return proposal(outcome, language);
  }

  /**
   * Asks for a plan that keeps the succeeded steps (same id, tool and arguments) and replaces the
   * failed one. Empty when the model says no plan can meet the request now.
   *
   * @throws BatonException PLAN_INVALID when its plan stayed invalid; MODEL_* from the model
   */
  @Override
  public Optional<PlanProposal> replan(ExecutionState state, StepId failed, ErrorInfo error,
      ToolCatalog catalog, PlanContext context) {
    String language = languageOf(state.request(), context);
    List<Part> parts = ReplanPrompt.forFailure(state, failed, error, catalog, context, language);
    Plan before = state.plan();
    Set<StepId> succeeded = state.outputs().keySet();
    Outcome outcome = planWithRepairs(parts, catalog,
        plan -> KeptSteps.check(before, succeeded, failed, plan));
    return outcome.answer().understood() ? Optional.of(proposal(outcome, language))
        : Optional.empty();
  }

  private record Outcome(ModelAnswer answer, PlanCost cost) {}

  private Outcome planWithRepairs(List<Part> firstParts, ToolCatalog catalog,
      Function<Plan, List<Problem>> moreChecks) {
    JsonNode schema = PlanSchema.forCatalog(catalog);
    PlanValidator validator = new PlanValidator(catalog);
    PlanCost cost = PlanCost.NONE;
    List<Part> parts = firstParts;
    for (int repairs = 0; ; repairs++) {
      long start = System.nanoTime();
      Reply reply = model.complete(new Prompt(PlanningPrompt.SYSTEM, parts, schema,
          options.callTimeout()));
      cost = cost.plus(new PlanCost(1, reply.inputTokens(), reply.outputTokens(),
          Duration.ofNanos(System.nanoTime() - start)));
      ModelAnswer answer = ModelAnswer.read(reply.text());
      if (!answer.understood()) {
        return new Outcome(answer, cost);
      }
      List<Problem> problems = new ArrayList<>(answer.problems());
      if (answer.plan() != null) {
        problems.addAll(validator.validate(answer.plan()));
        problems.addAll(moreChecks.apply(answer.plan()));
      }
      if (problems.isEmpty()) {
        return new Outcome(answer, cost);
      }
      if (repairs == options.maxRepairs()) {
        throw BatonException.builder(ErrorCode.PLAN_INVALID, invalidMessage(problems, repairs))
            .problems(problems).details(costDetails(cost)).build();
      }
      parts = RepairPrompt.after(firstParts, reply.text(), problems);
    }
  }

  private static PlanProposal proposal(Outcome outcome, String language) {
    return new PlanProposal(outcome.answer().plan(), outcome.answer().reasons(), outcome.cost(),
        language);
  }

  private static String invalidMessage(List<Problem> problems, int repairs) {
    StringBuilder text = new StringBuilder("The model's plan is still invalid after " + repairs
        + " repair" + (repairs == 1 ? "" : "s") + " (" + problems.size() + " problem"
        + (problems.size() == 1 ? "" : "s") + "):");
    problems.forEach(p -> text.append(System.lineSeparator()).append("  - ").append(p));
    return text.toString();
  }

  private static Map<String, String> costDetails(PlanCost cost) {
    return Map.of("modelCalls", String.valueOf(cost.modelCalls()),
        "inputTokens", String.valueOf(cost.inputTokens()),
        "outputTokens", String.valueOf(cost.outputTokens()));
  }

  /** The context's language, else Hebrew when the request has Hebrew letters, else English. */
  private static String languageOf(String request, PlanContext context) {
    if (context.language() != null) {
      return context.language();
    }
    return request.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
        == Character.UnicodeScript.HEBREW) ? "he" : "en";
  }
}
