package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.PlanVersion;
import dev.baton.core.exec.StepState;
import dev.baton.core.plan.StepId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One append's events folded onto the execution's state, in place, and the projection rows that
 * changed. The rows are found from the steps and approvals the events name, so an append costs
 * what it changed, not the plan's size; only a batch with a new plan ({@code ExecutionCreated},
 * {@code PlanVersionCreated}) compares every step. If folding throws, the state is left half
 * changed: the caller must throw it away.
 */
final class Fold {
  final ExecutionState state;
  /** True when the batch began the execution: every row is new. */
  final boolean created;
  final int finishedSteps;
  final List<PlanVersion> newVersions;
  final List<StepState> changedSteps;
  final List<StepId> removedSteps;
  final List<Approval> changedApprovals;

  private Fold(ExecutionState state, boolean created, int finishedSteps,
      List<PlanVersion> newVersions, List<StepState> changedSteps, List<StepId> removedSteps,
      List<Approval> changedApprovals) {
    this.state = state;
    this.created = created;
    this.finishedSteps = finishedSteps;
    this.newVersions = newVersions;
    this.changedSteps = changedSteps;
    this.removedSteps = removedSteps;
    this.changedApprovals = changedApprovals;
  }

  /**
   * Folds {@code events} onto {@code state}, changing it, or into a new state when {@code state}
   * is null (the batch must then begin with {@code ExecutionCreated}).
   *
   * @param finishedSteps how many steps of {@code state} are finished (ignored when it is null)
   * @throws BatonException STORE_CORRUPT if an event does not follow the one before it, names a
   *     step or approval the execution does not have, or a new execution does not begin with
   *     {@code ExecutionCreated}
   */
  static Fold apply(ExecutionState state, int finishedSteps, List<Event> events) {
    if (state == null) {
      return create(events);
    }
    Touched touched = Touched.of(events);
    int versionsBefore = state.versions().size();
    Map<StepId, StepState> stepsBefore = touched.replan ? new HashMap<>(state.steps())
        : valuesOf(touched.steps, state.steps());
    Map<ApprovalId, Approval> approvalsBefore = valuesOf(touched.approvals, state.approvals());

    events.forEach(state::apply);

    List<StepState> changedSteps = new ArrayList<>();
    List<StepId> removedSteps = new ArrayList<>();
    int finished = finishedSteps;
    if (touched.replan) {
      for (StepState s : state.steps().values()) {
        if (!Objects.equals(stepsBefore.get(s.id()), s)) {
          changedSteps.add(s);
        }
      }
      for (StepId id : stepsBefore.keySet()) {
        if (state.step(id) == null) {
          removedSteps.add(id);
        }
      }
      finished = state.finishedSteps();
    } else {
      for (Map.Entry<StepId, StepState> before : stepsBefore.entrySet()) {
        StepState after = state.step(before.getKey());
        if (!Objects.equals(before.getValue(), after)) {
          changedSteps.add(after);
          finished += finished(after) - finished(before.getValue());
        }
      }
    }
    List<Approval> changedApprovals = new ArrayList<>();
    for (Map.Entry<ApprovalId, Approval> before : approvalsBefore.entrySet()) {
      Approval after = state.approvals().get(before.getKey());
      if (!Objects.equals(before.getValue(), after)) {
        changedApprovals.add(after);
      }
    }
    List<PlanVersion> all = state.versions();
    return new Fold(state, false, finished, List.copyOf(all.subList(versionsBefore, all.size())),
        changedSteps, removedSteps, changedApprovals);
  }

  private static Fold create(List<Event> events) {
    if (!(events.getFirst() instanceof Event.ExecutionCreated)) {
      throw BatonException.of(ErrorCode.STORE_CORRUPT, "execution "
          + events.getFirst().execution() + " must begin with ExecutionCreated, not "
          + events.getFirst().getClass().getSimpleName());
    }
    ExecutionState state = ExecutionState.replay(events.subList(0, 1));
    events.subList(1, events.size()).forEach(state::apply);
    return new Fold(state, true, state.finishedSteps(), List.copyOf(state.versions()),
        List.copyOf(state.steps().values()), List.of(),
        List.copyOf(state.approvals().values()));
  }

  private static int finished(StepState s) {
    return s != null && s.status().terminal() ? 1 : 0;
  }

  /** The current values of {@code ids}; null for an id {@code all} lacks (folding will throw). */
  private static <K, V> Map<K, V> valuesOf(Set<K> ids, Map<K, V> all) {
    Map<K, V> values = new LinkedHashMap<>();
    for (K id : ids) {
      values.put(id, all.get(id));
    }
    return values;
  }

  /** The steps and approvals that a batch's events name, and whether it brings a new plan. */
  private static final class Touched {
    private final Set<StepId> steps = new LinkedHashSet<>();
    private final Set<ApprovalId> approvals = new LinkedHashSet<>();
    private boolean replan;

    static Touched of(List<Event> events) {
      Touched t = new Touched();
      for (Event event : events) {
        // why: no default, so a new kind of event does not compile until it is sorted here
        switch (event) {
          case Event.ExecutionCreated e -> t.replan = true;
          case Event.PlanVersionCreated e -> t.replan = true;
          case Event.PlanApprovalRequested e -> { }
          case Event.PlanApprovalDecided e -> { }
          case Event.StatusChanged e -> { }
          case Event.ModelUsed e -> { }
          case Event.StepStarted e -> t.steps.add(e.step());
          case Event.StepStage e -> t.steps.add(e.step());
          case Event.AttemptStarted e -> t.steps.add(e.step());
          case Event.AttemptFailed e -> t.steps.add(e.step());
          case Event.StepSucceeded e -> t.steps.add(e.step());
          case Event.StepFailed e -> t.steps.add(e.step());
          case Event.StepSkipped e -> t.steps.add(e.step());
          case Event.StepCancelled e -> t.steps.add(e.step());
          case Event.StepLogged e -> t.steps.add(e.step());
          case Event.ApprovalRequested e -> t.touch(e.step(), e.approval());
          case Event.ApprovalDecided e -> t.touch(e.step(), e.approval());
          case Event.ApprovalExpired e -> t.touch(e.step(), e.approval());
        }
      }
      return t;
    }

    private void touch(StepId step, ApprovalId approval) {
      steps.add(step);
      approvals.add(approval);
    }
  }
}
