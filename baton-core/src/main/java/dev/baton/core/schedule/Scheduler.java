package dev.baton.core.schedule;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.exec.Question;
import dev.baton.core.exec.StepState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.PlanGraph;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.PriorityQueue;
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
 * <p>Not thread-safe: it keeps an incremental view of the state it is given (the ready steps in
 * priority order), so a round costs what changed, not the plan's size; one per execution.
 */
public final class Scheduler {
  private final ToLongFunction<Step> weight;
  /** The state and graph this scheduler's incremental view follows; a new one resets it. */
  private ExecutionState following;
  private PlanGraph graph;
  private Map<StepId, Integer> rank;
  /** Frontier steps that may start (no dependency ended badly), best rank first. */
  private final PriorityQueue<StepId> ready = new PriorityQueue<>(
      Comparator.comparingInt((StepId id) -> rank.get(id)));
  /** Frontier steps with a dependency that failed, was skipped or was cancelled. */
  private final List<StepId> blocked = new ArrayList<>();
  /** How much of the state's frontier log has been read. */
  private int frontierRead;

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
    follow(state);
    Instant wake = state.pendingHumanSteps() == 0 ? null : expireHumanSteps(state, now, out);
    boolean paused = status == ExecutionStatus.PAUSED;
    int running = state.runningSteps();
    // why: usually every step in flight is busy here, and then there is nothing to look at
    if (!paused && state.inFlight().size() > busy.size()) {
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
    boolean skipping = false;
    for (var it = blocked.iterator(); it.hasNext(); ) {
      StepId id = it.next();
      if (state.step(id).status() != StepStatus.PENDING) {
        it.remove();
      } else if (held.isEmpty() || state.graph().dependencies(id).stream()
          .noneMatch(held::contains)) {
        out.add(new Command.SkipStep(id, blockedBy(state, id)));
        it.remove();
        skipping = true;
      }
    }
    int started = 0;
    if (!paused) {
      int capacity = Math.max(0, state.options().maxParallel() - running);
      while (started < capacity && !ready.isEmpty()) {
        StepId id = ready.poll();
        // why: entries are removed lazily; one that left the frontier is simply dropped
        if (state.frontier().contains(id) && !busy.contains(id)) {
          out.add(new Command.StartStep(id));
          started++;
        }
      }
    }
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

  /**
   * Brings the incremental view up to date with {@code state}: steps that joined the frontier
   * since the last look go to the ready queue or, if a dependency ended badly, to the blocked
   * list. Another state object or another plan version starts the view afresh.
   */
  private void follow(ExecutionState state) {
    if (state != following || state.graph() != graph) {
      following = state;
      graph = state.graph();
      rank = ranks(graph);
      ready.clear();
      blocked.clear();
      frontierRead = 0;
    }
    List<StepId> log = state.frontierLog();
    for (; frontierRead < log.size(); frontierRead++) {
      StepId id = log.get(frontierRead);
      if (state.step(id).status() != StepStatus.PENDING) {
        continue;
      }
      if (blockedBy(state, id) != null) {
        blocked.add(id);
      } else {
        ready.add(id);
      }
    }
  }

  /** Each step's rank: heaviest remaining path first, then plan order. */
  private Map<StepId, Integer> ranks(PlanGraph g) {
    Map<StepId, Long> priority = g.remainingPath(weight);
    List<StepId> ids = new ArrayList<>(g.plan().steps().size());
    for (Step s : g.plan().steps()) {
      ids.add(s.id());
    }
    ids.sort(Comparator.comparingLong((StepId id) -> -priority.getOrDefault(id, 0L))
        .thenComparingInt(g::position));
    Map<StepId, Integer> out = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) {
      out.put(ids.get(i), i);
    }
    return out;
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
}
