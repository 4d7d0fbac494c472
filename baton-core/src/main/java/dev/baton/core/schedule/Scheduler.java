package dev.baton.core.schedule;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.exec.Question;
import dev.baton.core.exec.StepState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Decides what happens next in one execution: a pure function of its state, the steps that are
 * busy in this process (a tool call, a preview, a wait for a lock or a rate limit), and the time.
 * Eager: a step is ready the moment all its dependencies have succeeded, and among ready steps the
 * one with the heaviest remaining path starts first. A step in flight that nothing here is busy
 * with is started again: after its approval was answered, after its retry delay, or after the
 * process that ran it died.
 *
 * <p>Not thread-safe (it caches priorities per plan); one per execution runner.
 */
public final class Scheduler {
  private final ToLongFunction<Step> weight;
  private Plan priorityPlan;
  private Map<StepId, Long> priority;

  /** @param weight expected cost of a step (any unit); ties in remaining path keep plan order */
  public Scheduler(ToLongFunction<Step> weight) {
    this.weight = weight;
  }

  public Decision decide(ExecutionState state, Set<StepId> busy, Instant now) {
    return decide(state, busy, now, Set.of());
  }

  /**
   * @param held failed steps whose consequences wait (a replan is being asked for): their
   *     dependents are neither skipped nor started, and the execution does not end
   */
  public Decision decide(ExecutionState state, Set<StepId> busy, Instant now, Set<StepId> held) {
    List<Command> out = new ArrayList<>();
    ExecutionStatus status = state.status();
    if (status == ExecutionStatus.PLANNING || state.plan() == null) {
      return new Decision(out, null);
    }
    if (status == ExecutionStatus.QUEUED) {
      return new Decision(List.of(new Command.ChangeStatus(ExecutionStatus.RUNNING, "started")),
          null);
    }
    if (status.terminal() || status == ExecutionStatus.AWAITING_PLAN_APPROVAL) {
      return new Decision(out, null);
    }
    Instant wake = expireHumanSteps(state, now, out);
    boolean paused = status == ExecutionStatus.PAUSED;
    refreshPriorities(state.plan());

    int running = state.runningSteps();
    List<StepId> ready = new ArrayList<>();
    if (!paused) {
      for (StepId id : state.inFlight()) {
        if (busy.contains(id)) {
          continue;
        }
        Instant retryAt = state.step(id).retryAt();
        if (retryAt != null && retryAt.isAfter(now)) {
          wake = earlier(wake, retryAt);
          continue;
        }
        out.add(new Command.StartStep(id));
      }
    }
    for (StepId id : state.frontier()) {
      if (!held.isEmpty() && state.graph().dependencies(id).stream().anyMatch(held::contains)) {
        continue;
      }
      String blocked = blockedBy(state, id);
      if (blocked != null) {
        out.add(new Command.SkipStep(id, blocked));
      } else {
        ready.add(id);
      }
    }
    int started = 0;
    if (!paused) {
      ready.sort(Comparator.comparingLong((StepId id) -> -priority.get(id))
          .thenComparingInt(state.graph()::position));
      int capacity = Math.max(0, state.options().maxParallel() - running);
      for (StepId id : ready.subList(0, Math.min(capacity, ready.size()))) {
        out.add(new Command.StartStep(id));
        started++;
      }
    }
    boolean skipping = out.stream().anyMatch(c -> c instanceof Command.SkipStep);
    boolean allDone = state.allStepsFinished() && busy.isEmpty() && held.isEmpty();
    if (allDone && !skipping) {
      out.add(finish(state));
    } else if (!paused && !skipping) {
      boolean waiting = running == 0 && started == 0 && state.pendingHumanSteps() > 0;
      if (waiting && status == ExecutionStatus.RUNNING) {
        out.add(new Command.ChangeStatus(ExecutionStatus.WAITING_FOR_APPROVAL,
            waitingReason(state)));
      } else if (!waiting && status == ExecutionStatus.WAITING_FOR_APPROVAL) {
        out.add(new Command.ChangeStatus(ExecutionStatus.RUNNING, "approval answered"));
      }
    }
    return new Decision(out, wake);
  }

  private static String waitingReason(ExecutionState state) {
    int approvals = state.pendingApprovals().size();
    int questions = state.pendingQuestions().size();
    return questions == 0 ? approvals + " approval(s) pending"
        : approvals == 0 ? questions + " question(s) pending"
        : approvals + " approval(s) and " + questions + " question(s) pending";
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static Instant expireHumanSteps(ExecutionState state, Instant now, List<Command> out) {
    Instant wake = null;
    for (Approval a : state.pendingApprovals()) {
      if (a.expiresAt() == null || (a.policy() == ExpiryPolicy.ESCALATE && a.escalated())) {
        continue;
      }
      if (!a.expiresAt().isAfter(now)) {
        out.add(new Command.ExpireApproval(a.id()));
      } else {
        wake = earlier(wake, a.expiresAt());
      }
    }
    for (Question q : state.pendingQuestions()) {
      if (q.expiresAt() == null || (q.policy() == ExpiryPolicy.ESCALATE && q.escalated())) {
        continue;
      }
      if (!q.expiresAt().isAfter(now)) {
        out.add(new Command.ExpireQuestion(q.id()));
      } else {
        wake = earlier(wake, q.expiresAt());
      }
    }
    return wake;
  }

  private static Command finish(ExecutionState state) {
    List<String> failed = new ArrayList<>();
    List<String> optionalFailed = new ArrayList<>();
    int skipped = 0;
    for (StepState s : state.steps().values()) {
      boolean optional = state.graph().step(s.id()).optional();
      boolean bad = s.status() == StepStatus.FAILED || s.status() == StepStatus.CANCELLED;
      if (bad) {
        (optional ? optionalFailed : failed).add(s.id().value());
      }
      if (s.status() == StepStatus.SKIPPED) {
        skipped++;
      }
    }
    if (!failed.isEmpty()) {
      return new Command.ChangeStatus(ExecutionStatus.FAILED, "step(s) failed: "
          + String.join(", ", failed));
    }
    List<String> notes = new ArrayList<>();
    if (!optionalFailed.isEmpty()) {
      notes.add(optionalFailed.size() + " optional step(s) failed ("
          + String.join(", ", optionalFailed) + ")");
    }
    if (skipped > 0) {
      notes.add(skipped + " step(s) skipped");
    }
    return new Command.ChangeStatus(ExecutionStatus.SUCCEEDED, notes.isEmpty()
        ? "all steps succeeded" : String.join("; ", notes));
  }

  /** Why the step can never run (a dependency ended without succeeding), or null. */
  private static String blockedBy(ExecutionState state, StepId id) {
    for (StepId d : state.graph().dependencies(id)) {
      StepState dep = state.step(d);
      switch (dep.status()) {
        case FAILED -> {
          return "dependency " + d + " failed";
        }
        case SKIPPED -> {
          return "dependency " + d + " was skipped";
        }
        case CANCELLED -> {
          return "dependency " + d + " was cancelled";
        }
        default -> { }
      }
    }
    return null;
  }

  private void refreshPriorities(Plan plan) {
    if (plan != priorityPlan) {
      priorityPlan = plan;
      priority = dev.baton.core.plan.PlanGraph.of(plan).remainingPath(weight);
    }
  }
}
