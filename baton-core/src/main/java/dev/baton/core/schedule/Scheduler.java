package dev.baton.core.schedule;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
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
 * Decides what happens next in one execution: a pure function of its state, the steps that have a
 * live thread, and the time. Eager: a step is ready the moment all its dependencies have succeeded,
 * and among ready steps the one with the heaviest remaining path starts first.
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

  public Decision decide(ExecutionState state, Set<StepId> live, Instant now) {
    return decide(state, live, now, Set.of());
  }

  /**
   * @param held failed steps whose consequences wait (a replan is being asked for): their
   *     dependents are neither skipped nor started, and the execution does not end
   */
  public Decision decide(ExecutionState state, Set<StepId> live, Instant now, Set<StepId> held) {
    List<Command> out = new ArrayList<>();
    ExecutionStatus status = state.status();
    if (status == ExecutionStatus.QUEUED) {
      return new Decision(List.of(new Command.ChangeStatus(ExecutionStatus.RUNNING, "started")),
          null);
    }
    if (status.terminal() || status == ExecutionStatus.AWAITING_PLAN_APPROVAL) {
      return new Decision(out, null);
    }
    Instant wake = expireApprovals(state, now, out);
    boolean paused = status == ExecutionStatus.PAUSED;
    refreshPriorities(state.plan());

    int running = state.runningSteps();
    List<StepId> ready = new ArrayList<>();
    if (!paused) {
      for (StepId id : state.inFlight()) {
        if (!live.contains(id)) {
          // why: in flight in the log but no thread here, so the process that ran it died
          out.add(new Command.StartStep(id));
        }
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
    boolean allDone = state.allStepsFinished() && live.isEmpty() && held.isEmpty();
    if (allDone && !skipping) {
      out.add(finish(state));
    } else if (!paused && !skipping) {
      boolean waiting = running == 0 && started == 0 && !state.pendingApprovals().isEmpty();
      if (waiting && status == ExecutionStatus.RUNNING) {
        out.add(new Command.ChangeStatus(ExecutionStatus.WAITING_FOR_APPROVAL,
            state.pendingApprovals().size() + " approval(s) pending"));
      } else if (!waiting && status == ExecutionStatus.WAITING_FOR_APPROVAL) {
        out.add(new Command.ChangeStatus(ExecutionStatus.RUNNING, "approval answered"));
      }
    }
    return new Decision(out, wake);
  }

  private static Instant expireApprovals(ExecutionState state, Instant now, List<Command> out) {
    Instant wake = null;
    for (Approval a : state.pendingApprovals()) {
      if (a.expiresAt() == null || (a.policy() == ExpiryPolicy.ESCALATE && a.escalated())) {
        continue;
      }
      if (!a.expiresAt().isAfter(now)) {
        out.add(new Command.ExpireApproval(a.id()));
      } else if (wake == null || a.expiresAt().isBefore(wake)) {
        wake = a.expiresAt();
      }
    }
    return wake;
  }

  private static Command finish(ExecutionState state) {
    List<String> failed = new ArrayList<>();
    int skipped = 0;
    for (StepState s : state.steps().values()) {
      boolean optional = state.graph().step(s.id()).optional();
      if (!optional && (s.status() == StepStatus.FAILED || s.status() == StepStatus.CANCELLED)) {
        failed.add(s.id().value());
      }
      if (s.status() == StepStatus.SKIPPED) {
        skipped++;
      }
    }
    if (!failed.isEmpty()) {
      return new Command.ChangeStatus(ExecutionStatus.FAILED, "step(s) failed: "
          + String.join(", ", failed));
    }
    return new Command.ChangeStatus(ExecutionStatus.SUCCEEDED, skipped == 0
        ? "all steps succeeded" : skipped + " step(s) skipped");
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
