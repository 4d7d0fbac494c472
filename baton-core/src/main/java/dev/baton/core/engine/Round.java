package dev.baton.core.engine;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ApprovalStatus;
import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.PlanVersion;
import dev.baton.core.exec.Question;
import dev.baton.core.exec.StepState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.References;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.schedule.Command;
import dev.baton.core.schedule.Decision;
import dev.baton.core.schedule.Scheduler;
import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.tool.ToolOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decide, then do: one round of an execution is a pure function of its state, what this process
 * is busy with ({@link Live}), the inputs that arrived and the time. It returns the events to
 * append and the effects to carry out once they are committed, and the time to look again if
 * nothing else happens. It applies its events to {@code state} as it makes them (the state is the
 * actor's own); it reads {@code live} but never changes it, and does no I/O, so a round that
 * failed to commit is simply made again from a reloaded state and the same inputs.
 */
final class Round {
  /** What a round decided. */
  record Result(List<Event> events, List<Effect> effects, Instant wakeAt) {}

  /** What rounds of one engine share. */
  record Rules(ToolCatalog catalog, Replanning replanning, boolean draining) {}

  private final ExecutionState state;
  private final Live live;
  private final Instant now;
  private final Rules rules;
  private final Scheduler scheduler;
  private final ExecutionId id;
  private final List<Event> events = new ArrayList<>();
  private final List<Effect> effects = new ArrayList<>();
  private final Set<StepId> launching = new HashSet<>();
  /** What the scheduler must leave be: busy here, or looked at this round. */
  private final Set<StepId> busy;
  private final Set<StepId> askedNow = new HashSet<>();
  private Instant wakeAt;

  private Round(ExecutionState state, Live live, Instant now, Rules rules, Scheduler scheduler) {
    this.state = state;
    this.live = live;
    this.now = now;
    this.rules = rules;
    this.scheduler = scheduler;
    this.id = state.id();
    this.busy = live.busy(launching);
  }

  /** One round: the inputs first, then what the scheduler decides until nothing more follows. */
  static Result reduce(ExecutionState state, Live live, List<Input> inputs, Instant now,
      Rules rules, Scheduler scheduler) {
    Round r = new Round(state, live, now, rules, scheduler);
    for (Input input : inputs) {
      r.take(input);
    }
    r.decide();
    if (state.status().terminal()) {
      for (StepId step : live.running.keySet()) {
        r.effects.add(new Effect.Interrupt(step));
      }
    }
    // why: the lists are this round's own and no one changes them after; copying costs per step
    return new Result(java.util.Collections.unmodifiableList(r.events),
        java.util.Collections.unmodifiableList(r.effects), r.wakeAt);
  }

  private void add(Draft d) {
    Event e = d.stamp(state.lastSeq() + 1);
    state.apply(e);
    events.add(e);
  }

  private void take(Input input) {
    switch (input) {
      case Input.AttemptEnded a -> ended(a);
      case Input.Facts f -> {
        if (!state.status().terminal()) {
          f.drafts().forEach(this::add);
        }
      }
      case Input.Prepared p -> prepared(p);
      case Input.Asked a -> asked(a);
      case Input.Command c -> command(c);
      case Input.Replanned r -> replanned(r);
      case Input.Planned p -> planned(p);
      case Input.Retry r -> { }
      case Input.Wake w -> { }
      case Input.Watch w -> { }
    }
  }

  private void ended(Input.AttemptEnded a) {
    StepState step = state.step(a.step());
    if (state.status().terminal() || step == null || step.status().terminal()) {
      return;
    }
    switch (a.result()) {
      case AttemptResult.Succeeded s -> add(seq -> new Event.StepSucceeded(id, seq, now, a.step(),
          s.output(), a.attempt(), s.took(), s.cached()));
      case AttemptResult.Failed f -> failed(a.step(), a.attempt(), f.error());
      case AttemptResult.Interrupted i -> { }
      case AttemptResult.Deferred d -> { }
      case AttemptResult.Blocked b -> { }
    }
  }

  private void failed(StepId step, int attempt, BatonException error) {
    ErrorInfo info = ErrorInfo.of(error);
    RetryPolicy policy = rules.catalog().find(state.graph().step(step).tool())
        .map(t -> t.descriptor().options().retry()).orElse(RetryPolicy.NONE);
    if (error.retryable() && policy.allowsAnotherAfter(attempt)) {
      Duration wait = policy.delay(attempt, error.retryAfter().orElse(null),
          (id.value() + "/" + step.value()).hashCode() * 31L + attempt);
      add(seq -> new Event.AttemptFailed(id, seq, now, step, attempt, info, wait));
      return;
    }
    add(seq -> new Event.AttemptFailed(id, seq, now, step, attempt, info, null));
    add(seq -> new Event.StepFailed(id, seq, now, step, info, attempt));
  }

  private void prepared(Input.Prepared p) {
    StepState step = state.step(p.step());
    if (state.status().terminal() || step == null || !step.status().inFlight()
        || state.latestApproval(p.step()).isPresent()) {
      return;
    }
    String tool = state.graph().step(p.step()).tool();
    ApprovalId approval = ApprovalId.of(id, p.step(), state.humanStepsFor(p.step()) + 1);
    Duration timeout = state.options().approvalTimeout();
    Instant expires = timeout == null ? null : now.plus(timeout);
    add(seq -> new Event.ApprovalRequested(id, seq, now, approval, p.step(), tool, p.arguments(),
        expires, state.options().expiryPolicy(), p.preview()));
  }

  /** A running call asks a person: the question joins the execution's human steps. */
  private void asked(Input.Asked a) {
    Live.Running r = live.running.get(a.step());
    StepState step = state.step(a.step());
    if (state.status().terminal() || r == null || r.token() != a.job() || step == null
        || step.status().terminal()) {
      effects.add(new Effect.AwaitAnswer(null, a.step(), a.reply()));
      return;
    }
    String tool = state.graph().step(a.step()).tool();
    ApprovalId question = ApprovalId.of(id, a.step(), state.humanStepsFor(a.step()) + 1);
    Duration timeout = state.options().approvalTimeout();
    Instant expires = timeout == null ? null : now.plus(timeout);
    ObjectNode input = CallAnswers.input(a.message(), a.answerSchema(), tool);
    add(seq -> new Event.QuestionAsked(id, seq, now, question, a.step(), tool, input, expires,
        state.options().expiryPolicy(), a.answerSchema()));
    effects.add(new Effect.AwaitAnswer(question, a.step(), a.reply()));
  }

  /**
   * Questions whose call is no longer running here (it ended, or the process that ran it
   * stopped): no one waits for their answers.
   */
  private void withdrawOrphanedQuestions() {
    if (state.pendingHumanSteps() == 0 || state.status().terminal()) {
      return;
    }
    for (Question q : state.pendingQuestions()) {
      if (q.fromCall() && !live.running.containsKey(q.step())) {
        add(seq -> new Event.QuestionWithdrawn(id, seq, now, q.id(), q.step(),
            "the call that asked is no longer running"));
      }
    }
  }

  private void command(Input.Command c) {
    try {
      Controls.apply(c.action(), state, now, rules.catalog()).forEach(this::add);
      effects.add(new Effect.Reply(c.reply(), null));
    } catch (BatonException e) {
      effects.add(new Effect.Reply(c.reply(), e));
    }
  }

  private void planned(Input.Planned p) {
    if (state.status() != ExecutionStatus.PLANNING) {
      return;
    }
    if (p.error() != null) {
      ErrorInfo info = ErrorInfo.of(p.error());
      add(seq -> new Event.PlanningFailed(id, seq, now, info));
      add(Controls.status(state, now, ExecutionStatus.FAILED, p.error().getMessage()));
      return;
    }
    var cost = p.proposal().cost();
    if (cost.modelCalls() > 0) {
      add(seq -> new Event.ModelUsed(id, seq, now, "planning", "planner", cost.modelCalls(),
          cost.inputTokens(), cost.outputTokens(), cost.took()));
    }
    Plan plan = p.proposal().plan();
    add(seq -> new Event.PlanVersionCreated(id, seq, now, 1, plan, "planned from the request"));
    if (state.options().requirePlanApproval()) {
      add(seq -> new Event.PlanApprovalRequested(id, seq, now, 1));
      add(Controls.status(state, now, ExecutionStatus.AWAITING_PLAN_APPROVAL,
          "the plan waits for approval"));
    } else {
      add(Controls.status(state, now, ExecutionStatus.RUNNING, "planned"));
    }
  }

  private void replanned(Input.Replanned r) {
    if (r.proposal() == null || state.status().terminal()) {
      return;
    }
    Plan plan = r.proposal().plan();
    if (Replans.problemWith(plan, state, rules.catalog()) != null) {
      return;
    }
    var cost = r.proposal().cost();
    if (cost.modelCalls() > 0) {
      add(seq -> new Event.ModelUsed(id, seq, now, "replanning", "planner", cost.modelCalls(),
          cost.inputTokens(), cost.outputTokens(), cost.took()));
    }
    int version = state.planVersion() + 1;
    StepState failed = state.step(r.failed());
    String error = failed == null || failed.error() == null ? "failed"
        : failed.error().code().name();
    add(seq -> new Event.PlanVersionCreated(id, seq, now, version, plan,
        PlanVersion.REPLANNED + " after step " + r.failed() + " failed (" + error + ")"));
  }

  // ------------------------------------------------------------------ deciding

  /** Calls past their deadline fail with STEP_TIMEOUT (retried if the policy allows). */
  private void timeouts() {
    if (live.running.isEmpty() || state.status().terminal()) {
      return;
    }
    for (var e : live.running.entrySet()) {
      StepId step = e.getKey();
      Live.Running r = e.getValue();
      StepState st = state.step(step);
      if (r.deadline() == null || r.deadline().isAfter(now) || st == null
          || st.status().terminal()) {
        continue;
      }
      String tool = state.graph().step(step).tool();
      Duration limit = rules.catalog().find(tool).map(t -> t.descriptor().options().timeout())
          .orElse(Duration.ZERO);
      effects.add(new Effect.TimedOut(step));
      failed(step, r.attempt(), BatonException.of(ErrorCode.STEP_TIMEOUT, tool
          + " did not finish within " + limit.toMillis() + " ms"));
    }
  }

  private void decide() {
    withdrawOrphanedQuestions();
    timeouts();
    Instant deadline = live.nextDeadline();
    if (state.status() == ExecutionStatus.PLANNING && !live.planning) {
      effects.add(new Effect.PlanRequest(state.request()));
      return;
    }
    if (rules.draining()) {
      wakeAt = deadline;
      return;
    }
    int rounds = state.steps().size() + 9;
    for (int guard = 0; guard < rounds; guard++) {
      if (!launching.isEmpty()) {
        // why: a step looked at this round stays out of the scheduler's way, unless it ended
        launching.removeIf(step -> state.step(step).status().terminal());
      }
      Decision decision = scheduler.decide(state, busy, now, held());
      wakeAt = earliest(decision.wakeAt(), deadline);
      if (decision.commands().isEmpty()) {
        return;
      }
      for (Command command : decision.commands()) {
        carryOut(command);
      }
    }
  }

  /**
   * Failed required steps whose consequences wait for a planner; asks for new plans for failures
   * not yet asked about.
   */
  private Set<StepId> held() {
    Replanning replanning = rules.replanning();
    if (replanning == null || state.status().terminal()) {
      return Set.of();
    }
    for (StepId failed : state.failedSteps()) {
      boolean optional = state.graph().step(failed).optional();
      boolean asked = live.replanAsked.contains(failed) || askedNow.contains(failed);
      if (!optional && !asked && state.replans() < replanning.maxReplans()) {
        askedNow.add(failed);
        effects.add(new Effect.Replan(failed, state.copy()));
      }
    }
    if (askedNow.isEmpty()) {
      return live.replanPending;
    }
    Set<StepId> held = new HashSet<>(live.replanPending);
    held.addAll(askedNow);
    return held;
  }

  private void carryOut(Command command) {
    switch (command) {
      case Command.StartStep s -> start(s.step());
      case Command.SkipStep s -> add(seq -> new Event.StepSkipped(id, seq, now, s.step(),
          s.reason()));
      case Command.ExpireApproval e -> {
        Approval a = state.approvals().get(e.approval());
        add(seq -> new Event.ApprovalExpired(id, seq, now, a.id(), a.step(), a.policy()));
      }
      case Command.ExpireQuestion e -> {
        Question q = state.questions().get(e.question());
        add(seq -> new Event.QuestionExpired(id, seq, now, q.id(), q.step(), q.policy()));
      }
      case Command.ChangeStatus c -> add(Controls.status(state, now, c.to(), c.reason()));
    }
  }

  private void start(StepId stepId) {
    StepState before = state.step(stepId);
    if (before.status() == StepStatus.PENDING) {
      add(seq -> new Event.StepStarted(id, seq, now, stepId));
    } else if (live.restarted.contains(stepId) && before.attempts() > 0) {
      add(seq -> new Event.StepStage(id, seq, now, stepId, Event.Stage.RESUMED_AFTER_RESTART,
          "in flight when the last process stopped"));
    }
    launching.add(stepId);
    Step step = state.graph().step(stepId);
    Tool tool = rules.catalog().find(step.tool()).orElse(null);
    if (tool == null) {
      fail(stepId, BatonException.of(ErrorCode.TOOL_NOT_FOUND, "no tool named '" + step.tool()
          + "' in this process"));
      return;
    }
    ToolOptions options = tool.descriptor().options();
    if (options.question()) {
      ask(stepId, step, tool);
    } else if (options.sideEffect()) {
      gate(stepId, step, tool);
    } else {
      ObjectNode args = resolve(stepId, step);
      if (args != null) {
        run(stepId, tool, args, null);
      }
    }
  }

  private void gate(StepId stepId, Step step, Tool tool) {
    Approval a = state.latestApproval(stepId).orElse(null);
    if (a == null) {
      ObjectNode args = resolve(stepId, step);
      if (args != null) {
        effects.add(new Effect.Prepare(stepId, tool, args));
      }
      return;
    }
    switch (a.status()) {
      case PENDING -> { }
      case APPROVED -> run(stepId, tool, a.effectiveArguments(), a.effectiveDigest());
      case REJECTED, EXPIRED -> add(seq -> new Event.StepSkipped(id, seq, now, stepId,
          refusal(a)));
    }
  }

  private void ask(StepId stepId, Step step, Tool tool) {
    Question q = state.latestQuestion(stepId).orElse(null);
    if (q == null) {
      ObjectNode input = resolve(stepId, step);
      if (input == null) {
        return;
      }
      ApprovalId question = ApprovalId.of(id, stepId, state.humanStepsFor(stepId) + 1);
      Duration timeout = state.options().approvalTimeout();
      Instant expires = timeout == null ? null : now.plus(timeout);
      add(seq -> new Event.QuestionAsked(id, seq, now, question, stepId, tool.descriptor().name(),
          input, expires, state.options().expiryPolicy()));
      return;
    }
    switch (q.status()) {
      case PENDING -> { }
      case ANSWERED -> add(seq -> new Event.StepSucceeded(id, seq, now, stepId, q.answer(), 0,
          Duration.between(q.askedAt(), q.answeredAt()), false));
      case EXPIRED -> add(seq -> new Event.StepSkipped(id, seq, now, stepId,
          "no answer before the question expired"));
    }
  }

  private ObjectNode resolve(StepId stepId, Step step) {
    try {
      return References.resolve(step.argsView(), state::output);
    } catch (BatonException e) {
      fail(stepId, e);
      return null;
    }
  }

  private void run(StepId stepId, Tool tool, ObjectNode args, String digest) {
    int attempt = state.step(stepId).attempts() + 1;
    effects.add(new Effect.Run(stepId, attempt, tool, args, digest));
  }

  private void fail(StepId stepId, BatonException e) {
    ErrorInfo info = ErrorInfo.of(e);
    int attempts = state.step(stepId).attempts();
    add(seq -> new Event.StepFailed(id, seq, now, stepId, info, attempts));
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  static String refusal(Approval a) {
    return a.status() == ApprovalStatus.EXPIRED ? "approval expired without an answer"
        : "rejected by " + (a.decidedBy() == null ? "a person" : a.decidedBy())
            + (a.comment() == null || a.comment().isBlank() ? "" : ": " + a.comment());
  }
}
