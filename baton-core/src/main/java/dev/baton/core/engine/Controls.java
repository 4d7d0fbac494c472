package dev.baton.core.engine;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.Question;
import dev.baton.core.exec.StepState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanValidator;
import dev.baton.core.tool.ToolCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a person's command means for an execution: checks it against the current state and returns
 * the events to append, or throws a {@link BatonException} that says why not. Pure.
 */
final class Controls {
  private Controls() {}

  /** A person's command, kept as data so a runner can re-apply it after an append conflict. */
  sealed interface Action {
    record Pause(String by) implements Action {}

    record Resume(String by) implements Action {}

    record Cancel(String by) implements Action {}

    record Decide(ApprovalId approval, boolean approve, ObjectNode edits, String by,
        String comment) implements Action {}

    record DecidePlan(boolean approve, Plan edited, String by, String comment) implements Action {}

    record Answer(ApprovalId question, JsonNode answer, String by) implements Action {}
  }

  static List<Draft> apply(Action action, ExecutionState s, Instant now, ToolCatalog catalog) {
    return switch (action) {
      case Action.Pause p -> pause(s, now, p.by());
      case Action.Resume r -> resume(s, now, r.by());
      case Action.Cancel c -> cancel(s, now, c.by());
      case Action.Decide d -> decide(s, now, catalog, d);
      case Action.DecidePlan d -> decidePlan(s, now, catalog, d);
      case Action.Answer a -> answer(s, now, catalog, a);
    };
  }

  private static List<Draft> pause(ExecutionState s, Instant now, String by) {
    s.status().checkMove(ExecutionStatus.PAUSED, "pause");
    return List.of(status(s, now, ExecutionStatus.PAUSED, "paused by " + by));
  }

  private static List<Draft> resume(ExecutionState s, Instant now, String by) {
    if (s.status() != ExecutionStatus.PAUSED) {
      throw BatonException.of(ErrorCode.EXECUTION_ILLEGAL_TRANSITION, "cannot resume an execution"
          + " that is " + s.status().name().toLowerCase().replace('_', ' ') + " (not paused)");
    }
    ExecutionStatus next = s.planApprovalPending() ? ExecutionStatus.AWAITING_PLAN_APPROVAL
        : ExecutionStatus.RUNNING;
    return List.of(status(s, now, next, "resumed by " + by));
  }

  private static List<Draft> cancel(ExecutionState s, Instant now, String by) {
    s.status().checkMove(ExecutionStatus.CANCELLED, "cancel");
    List<Draft> out = new ArrayList<>();
    for (StepState step : s.steps().values()) {
      if (step.status().inFlight()) {
        out.add(seq -> new Event.StepCancelled(s.id(), seq, now, step.id()));
      } else if (step.status() == StepStatus.PENDING) {
        out.add(seq -> new Event.StepSkipped(s.id(), seq, now, step.id(),
            "execution cancelled"));
      }
    }
    out.add(status(s, now, ExecutionStatus.CANCELLED, "cancelled by " + by));
    return out;
  }

  private static List<Draft> decide(ExecutionState s, Instant now, ToolCatalog catalog,
      Action.Decide d) {
    Approval a = s.approvals().get(d.approval());
    if (a == null && s.questions().containsKey(d.approval())) {
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, d.approval() + " is a question:"
          + " answer it instead of approving it");
    }
    if (a == null) {
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "no approval '" + d.approval()
          + "' in execution " + s.id());
    }
    if (!a.pending()) {
      throw BatonException.of(ErrorCode.APPROVAL_ALREADY_DECIDED, "approval " + a.id()
          + " is already " + a.status().name().toLowerCase());
    }
    if (s.status().terminal()) {
      throw BatonException.of(ErrorCode.EXECUTION_ILLEGAL_TRANSITION, "execution " + s.id()
          + " is already " + s.status().name().toLowerCase());
    }
    ObjectNode edits = d.approve() ? d.edits() : null;
    if (edits != null) {
      List<Problem> problems = catalog.get(a.tool()).descriptor().inputProblems(edits,
          "/arguments");
      if (!problems.isEmpty()) {
        throw BatonException.invalid(ErrorCode.APPROVAL_INVALID_EDIT, "The edited arguments for "
            + a.step() + " (" + a.tool() + ") do not fit the tool; the approval is still pending:",
            problems);
      }
    }
    return List.of(seq -> new Event.ApprovalDecided(s.id(), seq, now, a.id(), a.step(),
        d.approve(), edits == null ? null : edits.deepCopy(), d.by(), d.comment()));
  }

  private static List<Draft> answer(ExecutionState s, Instant now, ToolCatalog catalog,
      Action.Answer a) {
    Question q = s.questions().get(a.question());
    if (q == null) {
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "no question '" + a.question()
          + "' in execution " + s.id());
    }
    if (!q.pending()) {
      throw BatonException.of(ErrorCode.APPROVAL_ALREADY_DECIDED, "question " + q.id()
          + " is already " + q.status().name().toLowerCase());
    }
    if (s.status().terminal()) {
      throw BatonException.of(ErrorCode.EXECUTION_ILLEGAL_TRANSITION, "execution " + s.id()
          + " is already " + s.status().name().toLowerCase());
    }
    JsonNode answer = q.fromCall() ? CallAnswers.shape(q.answerSchema(), a.answer())
        : a.answer();
    List<Problem> problems = q.fromCall()
        ? dev.baton.core.tool.Schemas.validate(q.answerSchema(), answer, "/answer")
        : catalog.get(q.tool()).descriptor().outputProblems(answer, "/answer");
    if (!problems.isEmpty()) {
      throw BatonException.invalid(ErrorCode.APPROVAL_INVALID_EDIT, "The answer to " + q.step()
          + " (" + q.tool() + ") does not fit the question; it is still waiting:", problems);
    }
    answer = answer.deepCopy();
    JsonNode given = answer;
    return List.of(seq -> new Event.QuestionAnswered(s.id(), seq, now, q.id(), q.step(), given,
        a.by()));
  }

  private static List<Draft> decidePlan(ExecutionState s, Instant now, ToolCatalog catalog,
      Action.DecidePlan d) {
    if (!s.planApprovalPending()) {
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "execution " + s.id()
          + " has no plan waiting for approval");
    }
    List<Draft> out = new ArrayList<>();
    if (d.approve() && d.edited() != null) {
      new PlanValidator(catalog).check(d.edited());
      int version = s.planVersion() + 1;
      out.add(seq -> new Event.PlanVersionCreated(s.id(), seq, now, version, d.edited(),
          "edited before approval by " + d.by()));
    }
    out.add(seq -> new Event.PlanApprovalDecided(s.id(), seq, now, d.approve(), d.by(),
        d.comment()));
    if (s.status() == ExecutionStatus.AWAITING_PLAN_APPROVAL) {
      out.add(d.approve() ? status(s, now, ExecutionStatus.RUNNING, "plan approved by " + d.by())
          : status(s, now, ExecutionStatus.CANCELLED, "plan rejected by " + d.by()));
    }
    return out;
  }

  static Draft status(ExecutionState s, Instant now, ExecutionStatus to, String reason) {
    ExecutionStatus from = s.status();
    from.checkMove(to, "move to " + to.name().toLowerCase());
    return seq -> new Event.StatusChanged(s.id(), seq, now, from, to, reason);
  }
}
