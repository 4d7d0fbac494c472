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
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Plan;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.plan.References;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.schedule.Command;
import dev.baton.core.schedule.Decision;
import dev.baton.core.schedule.Scheduler;
import dev.baton.core.tool.Tool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Owns one execution in this process: a single thread that takes inputs (step outcomes, stage
 * events, approval waits, a person's commands), turns them and the scheduler's decisions into
 * events, commits them in one append (so concurrent steps share commits), and only then starts
 * steps and answers callers. The state is confined to this thread.
 */
final class ExecutionRunner implements Runnable, StepChannel {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionRunner.class);
  private static final int MAX_COMMIT_FAILURES = 20;
  private static final Duration FACT_DELAY = Duration.ofMillis(25);

  sealed interface Input {
    record Done(StepId step, StepOutcome outcome) implements Input {}

    record Fact(Draft draft) implements Input {}

    record AwaitApproval(StepId step, String tool, ObjectNode arguments, String preview,
        CompletableFuture<ApprovalOutcome> reply) implements Input {}

    record Control(Controls.Action action, CompletableFuture<Void> reply) implements Input {}

    /** A planner's answer after {@code failed} failed: a new plan, or null with the reason. */
    record Replanned(StepId failed, PlanProposal proposal, String problem) implements Input {}
  }

  /** The runner ended before it took a command; the caller applies it to the store instead. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("runner stopped", null, false, false);
    }
  }

  private record Round(List<Event> events, List<Runnable> after, Instant wakeAt) {}

  private final EngineContext ctx;
  private final ExecutionId id;
  private final Scheduler scheduler;
  private final LinkedBlockingQueue<Input> inbox = new LinkedBlockingQueue<>();
  private final Map<StepId, Thread> live = new HashMap<>();
  private final Map<StepId, CompletableFuture<ApprovalOutcome>> waiters = new HashMap<>();
  private final Set<StepId> replanAsked = new HashSet<>();
  private final Set<StepId> replanPending = new HashSet<>();
  private final CompletableFuture<ExecutionStatus> ended = new CompletableFuture<>();
  private ExecutionState state;
  private volatile boolean stopping;
  private volatile Instant drainUntil;
  private volatile Thread thread;
  private Instant lastPoll = Instant.EPOCH;
  private Instant lastRenew;

  ExecutionRunner(EngineContext ctx, ExecutionState state) {
    this.ctx = ctx;
    this.id = state.id();
    this.state = state;
    this.scheduler = new Scheduler(step -> ctx.catalog().find(step.tool())
        .map(t -> Math.max(1, t.descriptor().options().expectedDuration().toMillis()))
        .orElse(1L));
    this.lastRenew = ctx.clock().instant();
  }

  ExecutionId id() {
    return id;
  }

  CompletableFuture<ExecutionStatus> ended() {
    return ended;
  }

  void start() {
    thread = Thread.ofVirtual().name("run-" + id.value()).start(this);
  }

  /**
   * Stops gracefully: starts nothing new, lets running tool calls finish and records them (for at
   * most {@code grace}), then leaves. Steps waiting for a person are simply left: they wait again
   * wherever the execution resumes.
   */
  void drain(Duration grace) {
    drainUntil = ctx.clock().instant().plus(grace);
    inbox.add(new Input.Fact(null));
  }

  /** Stops at once without recording anything: in-flight steps run again where it resumes. */
  void stop() {
    stopping = true;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  void join(Duration timeout) throws InterruptedException {
    Thread t = thread;
    if (t != null) {
      t.join(timeout);
    }
  }

  /** Applies a person's command; completes once committed, or exceptionally with the reason. */
  CompletableFuture<Void> control(Controls.Action action) {
    CompletableFuture<Void> reply = new CompletableFuture<>();
    inbox.add(new Input.Control(action, reply));
    return reply;
  }

  @Override
  public void emit(Draft draft) {
    inbox.add(new Input.Fact(draft));
  }

  @Override
  public CompletableFuture<ApprovalOutcome> awaitApproval(StepId step, String tool,
      ObjectNode arguments, String preview) {
    CompletableFuture<ApprovalOutcome> reply = new CompletableFuture<>();
    inbox.add(new Input.AwaitApproval(step, tool, arguments, preview, reply));
    return reply;
  }

  @Override
  public void run() {
    try {
      loop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("runner of {} stopped: {}", id, e.toString(), e);
    } finally {
      live.values().forEach(Thread::interrupt);
      waiters.values().forEach(w -> w.complete(ApprovalOutcome.refused("engine stopped")));
      drainControlsWithError();
      try {
        ctx.store().release(id, ctx.options().owner());
      } catch (RuntimeException e) {
        LOG.warn("could not release lease on {}: {}", id, e.toString());
      }
      ended.complete(state.status());
      ctx.runnerEnded(this);
    }
  }

  private void loop() throws InterruptedException {
    List<Input> batch = new ArrayList<>();
    Instant cancelDeadline = null;
    while (!stopping) {
      Round round = commit(batch);
      batch.clear();
      if (round == null) {
        return;
      }
      afterCommit(round.events());
      round.after().forEach(Runnable::run);
      if (drainUntil != null) {
        boolean onlyWaiting = waiters.keySet().containsAll(live.keySet());
        if (onlyWaiting || ctx.clock().instant().isAfter(drainUntil)) {
          stopping = true;
          return;
        }
      }
      if (state.status().terminal()) {
        if (live.isEmpty()) {
          return;
        }
        cancelDeadline = cancelDeadline == null ? ctx.clock().instant().plusSeconds(30)
            : cancelDeadline;
        if (ctx.clock().instant().isAfter(cancelDeadline)) {
          LOG.warn("{}: {} step(s) ignored the interrupt; leaving them", id, live.size());
          return;
        }
      }
      Input first = inbox.poll(waitMillis(round.wakeAt()), TimeUnit.MILLISECONDS);
      if (first != null) {
        batch.add(first);
        inbox.drainTo(batch);
        gatherWhileOnlyFacts(batch);
      }
      if (!renewLease()) {
        LOG.warn("{}: lease lost to another process; stopping here", id);
        return;
      }
      pollOtherWriters();
    }
  }

  /**
   * Stage and attempt events alone are worth no commit of their own: wait a little for something
   * that changes what happens next (a step's end, an approval, a command), so a fast step costs one
   * commit, not two.
   */
  private void gatherWhileOnlyFacts(List<Input> batch) throws InterruptedException {
    long deadline = System.nanoTime() + FACT_DELAY.toNanos();
    while (!stopping && batch.stream().allMatch(i -> i instanceof Input.Fact f
        && f.draft() != null)) {
      long left = deadline - System.nanoTime();
      Input more = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
      if (more == null) {
        return;
      }
      batch.add(more);
      inbox.drainTo(batch);
    }
  }

  private long waitMillis(Instant wakeAt) {
    long max = ctx.options().pollInterval().toMillis();
    if (wakeAt == null) {
      return max;
    }
    long until = Duration.between(ctx.clock().instant(), wakeAt).toMillis();
    return Math.max(1, Math.min(max, until));
  }

  private boolean renewLease() {
    Instant now = ctx.clock().instant();
    Duration ttl = ctx.options().leaseTtl();
    if (Duration.between(lastRenew, now).compareTo(ttl.dividedBy(3)) < 0) {
      return true;
    }
    lastRenew = now;
    return ctx.store().claim(id, ctx.options().owner(), now, ttl);
  }

  /** Folds events that another process appended (an approval, a pause, a cancel). */
  private void pollOtherWriters() {
    Instant now = ctx.clock().instant();
    if (Duration.between(lastPoll, now).compareTo(ctx.options().pollInterval()) < 0) {
      return;
    }
    lastPoll = now;
    List<Event> news = ctx.store().events(id, state.lastSeq());
    news.forEach(state::apply);
    afterCommit(news);
  }

  /**
   * Turns inputs and decisions into events and appends them; on a conflict with another writer
   * reloads and does it again from the same inputs, so nothing is lost or doubled.
   */
  private Round commit(List<Input> inputs) throws InterruptedException {
    int failures = 0;
    while (!stopping) {
      long before = state.lastSeq();
      Round round = build(inputs);
      if (round.events().isEmpty()) {
        return round;
      }
      try {
        ctx.store().append(round.events());
        return round;
      } catch (BatonException e) {
        if (e.code() != ErrorCode.STORE_CONFLICT && ++failures > MAX_COMMIT_FAILURES) {
          LOG.error("{}: giving up after {} failed commits: {}", id, failures, e.getMessage());
          return null;
        }
        LOG.debug("{}: commit after {} failed ({}); reloading", id, before, e.getMessage());
        if (e.code() != ErrorCode.STORE_CONFLICT) {
          Thread.sleep(Math.min(2000, 50L << Math.min(failures, 5)));
        }
        state = ctx.store().load(id);
        // why: what another process appended (an approval, a cancel) must reach waiting steps
        afterCommit(ctx.store().events(id, before));
      }
    }
    return null;
  }

  private Round build(List<Input> inputs) {
    Instant now = ctx.clock().instant();
    List<Event> events = new ArrayList<>();
    List<Runnable> after = new ArrayList<>();
    Consumer<Draft> add = d -> {
      Event e = d.stamp(state.lastSeq() + 1);
      state.apply(e);
      events.add(e);
    };
    for (Input input : inputs) {
      switch (input) {
        case Input.Done d -> done(d, add);
        case Input.Fact f -> {
          if (f.draft() != null) {
            add.accept(f.draft());
          }
        }
        case Input.AwaitApproval a -> awaitApproval(a, now, add, after);
        case Input.Replanned r -> replanned(r, now, add);
        case Input.Control c -> {
          try {
            Controls.apply(c.action(), state, now, ctx.catalog()).forEach(add);
            after.add(() -> c.reply().complete(null));
          } catch (BatonException e) {
            after.add(() -> c.reply().completeExceptionally(e));
          }
        }
      }
    }
    Set<StepId> launching = new HashSet<>();
    Instant wakeAt = null;
    // why: a draining runner records what finishes but starts nothing new
    int rounds = drainUntil != null ? 0 : state.steps().size() + 9;
    for (int guard = 0; guard < rounds; guard++) {
      Set<StepId> running = new HashSet<>(live.keySet());
      running.addAll(launching);
      Decision decision = scheduler.decide(state, running, now, held(after));
      wakeAt = decision.wakeAt();
      if (decision.commands().isEmpty()) {
        break;
      }
      for (Command command : decision.commands()) {
        carryOut(command, now, add, after, launching);
      }
    }
    return new Round(events, after, wakeAt);
  }

  /**
   * Failed required steps whose consequences wait for a planner; asks for new plans (after the
   * round commits) for failures not yet asked about.
   */
  private Set<StepId> held(List<Runnable> after) {
    Replanning replanning = ctx.replanning();
    if (replanning == null || state.status().terminal() || drainUntil != null) {
      return Set.of();
    }
    for (StepId failed : state.failedSteps()) {
      boolean optional = state.graph().step(failed).optional();
      if (!optional && !replanAsked.contains(failed)
          && state.replans() < replanning.maxReplans()) {
        replanAsked.add(failed);
        replanPending.add(failed);
        ExecutionState snapshot = state.copy();
        after.add(() -> Thread.ofVirtual().name("replan-" + id.value()).start(() ->
            inbox.add(askPlanner(replanning, snapshot, failed))));
      }
    }
    return Set.copyOf(replanPending);
  }

  private Input.Replanned askPlanner(Replanning replanning, ExecutionState snapshot,
      StepId failed) {
    try {
      PlanContext context = new PlanContext(ctx.clock().instant(), replanning.zone(), null,
          List.of());
      return replanning.planner().replan(snapshot, failed, snapshot.step(failed).error(),
              ctx.catalog(), context)
          .map(p -> new Input.Replanned(failed, p, null))
          .orElseGet(() -> new Input.Replanned(failed, null, "the planner has no other plan"));
    } catch (RuntimeException e) {
      return new Input.Replanned(failed, null, "the planner failed: " + e.getMessage());
    }
  }

  private void replanned(Input.Replanned r, Instant now, Consumer<Draft> add) {
    replanPending.remove(r.failed());
    if (r.proposal() == null || state.status().terminal()) {
      LOG.info("{}: no new plan after {} failed: {}", id, r.failed(), r.problem());
      return;
    }
    Plan plan = r.proposal().plan();
    String problem = Replans.problemWith(plan, state, ctx.catalog());
    if (problem != null) {
      LOG.warn("{}: refusing the new plan after {} failed: {}", id, r.failed(), problem);
      return;
    }
    var cost = r.proposal().cost();
    if (cost.modelCalls() > 0) {
      add.accept(seq -> new Event.ModelUsed(id, seq, now, "replanning", "planner",
          cost.modelCalls(), cost.inputTokens(), cost.outputTokens(), cost.took()));
    }
    int version = state.planVersion() + 1;
    String error = state.step(r.failed()).error() == null ? "failed"
        : state.step(r.failed()).error().code().name();
    add.accept(seq -> new Event.PlanVersionCreated(id, seq, now, version, plan,
        PlanVersion.REPLANNED + " after step " + r.failed() + " failed (" + error + ")"));
    // why: a step of the new version may fail again under the same id; it may be replanned again
    replanAsked.clear();
  }

  private void done(Input.Done d, Consumer<Draft> add) {
    live.remove(d.step());
    waiters.remove(d.step());
    if (state.status().terminal() || state.step(d.step()) == null
        || state.step(d.step()).status().terminal()) {
      return;
    }
    Instant now = ctx.clock().instant();
    StepId step = d.step();
    switch (d.outcome()) {
      case StepOutcome.Succeeded s -> add.accept(seq -> new Event.StepSucceeded(id, seq, now,
          step, s.output(), s.attempts(), s.took(), s.cached()));
      case StepOutcome.Failed f -> add.accept(seq -> new Event.StepFailed(id, seq, now, step,
          f.error(), f.attempts()));
      case StepOutcome.Skipped s -> add.accept(seq -> new Event.StepSkipped(id, seq, now, step,
          s.reason()));
      case StepOutcome.Cancelled c -> {
        if (!stopping) {
          add.accept(seq -> new Event.StepCancelled(id, seq, now, step));
        }
      }
    }
  }

  private void awaitApproval(Input.AwaitApproval a, Instant now, Consumer<Draft> add,
      List<Runnable> after) {
    if (state.status().terminal()) {
      after.add(() -> a.reply().complete(ApprovalOutcome.refused("execution is "
          + state.status().name().toLowerCase())));
      return;
    }
    Approval latest = state.latestApproval(a.step()).orElse(null);
    if (latest != null && latest.status() == ApprovalStatus.APPROVED) {
      // why: approved before a restart; the person is not asked twice
      ObjectNode args = latest.effectiveArguments();
      after.add(() -> a.reply().complete(ApprovalOutcome.approved(args)));
      return;
    }
    if (latest != null && !latest.pending()) {
      String reason = refusal(latest);
      after.add(() -> a.reply().complete(ApprovalOutcome.refused(reason)));
      return;
    }
    if (latest == null) {
      ApprovalId approval = ApprovalId.of(id, a.step(), state.approvalsRequestedFor(a.step()) + 1);
      Duration timeout = state.options().approvalTimeout();
      Instant expires = timeout == null ? null : now.plus(timeout);
      add.accept(seq -> new Event.ApprovalRequested(id, seq, now, approval, a.step(), a.tool(),
          a.arguments().deepCopy(), expires, state.options().expiryPolicy(), a.preview()));
    }
    waiters.put(a.step(), a.reply());
  }

  private static String refusal(Approval a) {
    return a.status() == ApprovalStatus.EXPIRED ? "approval expired without an answer"
        : "rejected by " + (a.decidedBy() == null ? "a person" : a.decidedBy())
            + (a.comment() == null || a.comment().isBlank() ? "" : ": " + a.comment());
  }

  private void carryOut(Command command, Instant now, Consumer<Draft> add, List<Runnable> after,
      Set<StepId> launching) {
    switch (command) {
      case Command.StartStep s -> start(s.step(), now, add, after, launching);
      case Command.SkipStep s -> add.accept(seq -> new Event.StepSkipped(id, seq, now, s.step(),
          s.reason()));
      case Command.ExpireApproval e -> {
        Approval a = state.approvals().get(e.approval());
        add.accept(seq -> new Event.ApprovalExpired(id, seq, now, a.id(), a.step(), a.policy()));
      }
      case Command.ChangeStatus c -> add.accept(Controls.status(state, now, c.to(), c.reason()));
    }
  }

  private void start(StepId stepId, Instant now, Consumer<Draft> add, List<Runnable> after,
      Set<StepId> launching) {
    Step step = state.graph().step(stepId);
    boolean relaunch = state.step(stepId).status() != StepStatus.PENDING;
    if (relaunch) {
      add.accept(seq -> new Event.StepStage(id, seq, now, stepId,
          Event.Stage.RESUMED_AFTER_RESTART, "in flight when the last process stopped"));
    } else {
      add.accept(seq -> new Event.StepStarted(id, seq, now, stepId));
    }
    Tool tool = ctx.catalog().find(step.tool()).orElse(null);
    ObjectNode args;
    try {
      if (tool == null) {
        throw BatonException.of(ErrorCode.TOOL_NOT_FOUND, "no tool named '" + step.tool()
            + "' in this process");
      }
      args = References.resolve(step.args(), state::output);
    } catch (BatonException e) {
      add.accept(seq -> new Event.StepFailed(id, seq, now, stepId, ErrorInfo.of(e), 0));
      return;
    }
    launching.add(stepId);
    StepTask task = new StepTask(id, state.tenant(), stepId, tool, args);
    after.add(() -> live.put(stepId, Thread.ofVirtual().name("step-" + stepId.value())
        .start(() -> inbox.add(new Input.Done(stepId, ctx.pipeline().run(task, this))))));
  }

  private void afterCommit(List<Event> events) {
    for (Event e : events) {
      ctx.publish(e);
      switch (e) {
        case Event.ApprovalDecided d -> {
          CompletableFuture<ApprovalOutcome> w = waiters.remove(d.step());
          if (w != null) {
            Approval a = state.approvals().get(d.approval());
            w.complete(d.approved() ? ApprovalOutcome.approved(a.effectiveArguments())
                : ApprovalOutcome.refused(refusal(a)));
          }
        }
        case Event.ApprovalExpired x -> {
          if (state.approvals().get(x.approval()).status() == ApprovalStatus.EXPIRED) {
            CompletableFuture<ApprovalOutcome> w = waiters.remove(x.step());
            if (w != null) {
              w.complete(ApprovalOutcome.refused("approval expired without an answer"));
            }
          }
        }
        case Event.StatusChanged s when s.to().terminal() -> {
          waiters.values().forEach(w -> w.complete(ApprovalOutcome.refused("execution "
              + s.to().name().toLowerCase())));
          waiters.clear();
          live.values().forEach(Thread::interrupt);
        }
        default -> { }
      }
    }
  }

  private void drainControlsWithError() {
    List<Input> rest = new ArrayList<>();
    inbox.drainTo(rest);
    for (Input i : rest) {
      if (i instanceof Input.Control c) {
        c.reply().completeExceptionally(new Stopped());
      } else if (i instanceof Input.AwaitApproval a) {
        a.reply().complete(ApprovalOutcome.refused("engine stopped"));
      }
    }
  }
}
