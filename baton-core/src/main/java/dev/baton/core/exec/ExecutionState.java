package dev.baton.core.exec;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanGraph;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The state of one execution, folded from its event log. Mutable and not thread-safe: one owner
 * applies events in order; others take a {@link #copy()} or fold their own from the store.
 */
public final class ExecutionState {
  private ExecutionId id;
  private String tenant;
  private String request;
  private Instant createdAt;
  private Instant updatedAt;
  private long lastSeq;
  private ExecutionStatus status = ExecutionStatus.QUEUED;
  private ExecutionOptions options;
  private final List<PlanVersion> versions = new ArrayList<>();
  private PlanGraph graph;
  private final Map<StepId, StepState> steps = new LinkedHashMap<>();
  // why: kept up to date on every change so the scheduler looks only at steps that can move,
  // not at every step of a large plan on every decision
  private final Set<StepId> frontier = new HashSet<>();
  /** Every step as it joined the frontier, in order, for readers that follow it incrementally. */
  private final List<StepId> frontierLog = new ArrayList<>();
  private final List<StepId> frontierLogView = Collections.unmodifiableList(frontierLog);
  private final Set<StepId> inFlight = new HashSet<>();
  private final Set<StepId> failed = new HashSet<>();
  private int terminal;
  private int running;
  private final Map<ApprovalId, Approval> approvals = new LinkedHashMap<>();
  private final Map<ApprovalId, Question> questions = new LinkedHashMap<>();
  private int pendingHumanSteps;
  private ErrorInfo planningError;
  private boolean planApprovalPending;
  private String statusReason;
  private Usage usage = Usage.NONE;
  private final Map<String, Usage> usageByModel = new LinkedHashMap<>();

  private ExecutionState() {}

  /** Folds a whole log, which must start with {@link Event.ExecutionCreated} at seq 1. */
  public static ExecutionState replay(List<? extends Event> events) {
    if (events.isEmpty()) {
      throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "no events to replay");
    }
    ExecutionState s = new ExecutionState();
    events.forEach(s::apply);
    return s;
  }

  public ExecutionState copy() {
    ExecutionState c = new ExecutionState();
    c.id = id;
    c.tenant = tenant;
    c.request = request;
    c.createdAt = createdAt;
    c.updatedAt = updatedAt;
    c.lastSeq = lastSeq;
    c.status = status;
    c.options = options;
    c.versions.addAll(versions);
    c.graph = graph;
    c.steps.putAll(steps);
    c.frontier.addAll(frontier);
    c.frontierLog.addAll(frontierLog);
    c.inFlight.addAll(inFlight);
    c.failed.addAll(failed);
    c.terminal = terminal;
    c.running = running;
    c.approvals.putAll(approvals);
    c.questions.putAll(questions);
    c.pendingHumanSteps = pendingHumanSteps;
    c.planningError = planningError;
    c.planApprovalPending = planApprovalPending;
    c.statusReason = statusReason;
    c.usage = usage;
    c.usageByModel.putAll(usageByModel);
    return c;
  }

  /**
   * Applies the next event of this execution.
   *
   * @throws BatonException STORE_CORRUPT if the event is out of order or for another execution
   */
  public void apply(Event event) {
    if (event.seq() != lastSeq + 1 || (id != null && !id.equals(event.execution()))) {
      throw BatonException.of(ErrorCode.STORE_CORRUPT, "event " + event.seq() + " of "
          + event.execution() + " does not follow " + lastSeq + " of " + id);
    }
    lastSeq = event.seq();
    updatedAt = event.at();
    switch (event) {
      case Event.ExecutionCreated e -> {
        id = e.execution();
        tenant = e.tenant();
        request = e.request();
        createdAt = e.at();
        options = e.options();
        if (e.plan() != null) {
          setPlan(new PlanVersion(1, e.plan(), "submitted", e.at()));
        }
      }
      case Event.PlanVersionCreated e -> setPlan(new PlanVersion(e.version(), e.plan(), e.reason(),
          e.at()));
      case Event.PlanningFailed e -> planningError = e.error();
      case Event.PlanApprovalRequested e -> planApprovalPending = true;
      case Event.PlanApprovalDecided e -> planApprovalPending = false;
      case Event.StatusChanged e -> {
        status = e.to();
        statusReason = e.reason();
      }
      case Event.StepStarted e -> update(e.step(), s -> new StepState(s.id(), StepStatus.RUNNING,
          s.attempts(), null, null, null, s.startedAt() == null ? e.at() : s.startedAt(), null,
          false));
      case Event.StepStage e -> { }
      case Event.AttemptStarted e -> update(e.step(), s -> new StepState(s.id(), s.status(),
          e.attempt(), null, s.error(), s.note(), s.startedAt(), null, false, null));
      case Event.AttemptFailed e -> update(e.step(), s -> new StepState(s.id(), s.status(),
          s.attempts(), null, e.error(), s.note(), s.startedAt(), null, false,
          e.retryIn() == null ? null : e.at().plus(e.retryIn())));
      case Event.StepSucceeded e -> update(e.step(), s -> new StepState(s.id(),
          StepStatus.SUCCEEDED, e.attempts(), e.output(), null, null,
          s.startedAt() == null ? e.at() : s.startedAt(), e.at(), e.cached()));
      case Event.StepFailed e -> update(e.step(), s -> new StepState(s.id(), StepStatus.FAILED,
          e.attempts(), null, e.error(), null, s.startedAt(), e.at(), false));
      case Event.StepSkipped e -> update(e.step(), s -> new StepState(s.id(), StepStatus.SKIPPED,
          s.attempts(), null, s.error(), e.reason(), s.startedAt(), e.at(), false));
      case Event.StepCancelled e -> update(e.step(), s -> new StepState(s.id(),
          StepStatus.CANCELLED, s.attempts(), null, s.error(), "cancelled", s.startedAt(), e.at(),
          false));
      case Event.StepLogged e -> { }
      case Event.ApprovalRequested e -> {
        approvals.put(e.approval(), new Approval(e.approval(), e.execution(), e.step(), e.tool(),
            e.arguments(), ApprovalStatus.PENDING, null, null, null, e.at(), null, e.expiresAt(),
            e.policy(), false, e.preview(), e.digest()));
        pendingHumanSteps++;
        update(e.step(), s -> s.with(StepStatus.WAITING_FOR_APPROVAL));
      }
      case Event.ApprovalDecided e -> {
        Approval a = approval(e.approval());
        approvals.put(a.id(), new Approval(a.id(), a.execution(), a.step(), a.tool(),
            a.arguments(), e.approved() ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED,
            e.approved() ? e.editedArguments() : null, e.by(), e.comment(), a.requestedAt(),
            e.at(), a.expiresAt(), a.policy(), a.escalated(), a.preview(), a.digest()));
        pendingHumanSteps -= a.pending() ? 1 : 0;
        if (e.approved()) {
          update(e.step(), s -> s.status() == StepStatus.WAITING_FOR_APPROVAL
              ? s.with(StepStatus.RUNNING) : s);
        }
      }
      case Event.QuestionAsked e -> {
        questions.put(e.question(), new Question(e.question(), e.execution(), e.step(), e.tool(),
            e.input(), Question.QuestionStatus.PENDING, null, null, e.at(), null, e.expiresAt(),
            e.policy(), false, e.answerSchema()));
        pendingHumanSteps++;
        update(e.step(), s -> s.with(StepStatus.WAITING_FOR_APPROVAL));
      }
      case Event.QuestionAnswered e -> {
        Question q = question(e.question());
        questions.put(q.id(), new Question(q.id(), q.execution(), q.step(), q.tool(), q.input(),
            Question.QuestionStatus.ANSWERED, e.answer(), e.by(), q.askedAt(), e.at(),
            q.expiresAt(), q.policy(), q.escalated(), q.answerSchema()));
        pendingHumanSteps -= q.pending() ? 1 : 0;
        update(e.step(), s -> s.status() == StepStatus.WAITING_FOR_APPROVAL
            ? s.with(StepStatus.RUNNING) : s);
      }
      case Event.QuestionExpired e -> {
        Question q = question(e.question());
        boolean reject = e.policy() == ExpiryPolicy.REJECT;
        questions.put(q.id(), new Question(q.id(), q.execution(), q.step(), q.tool(), q.input(),
            reject ? Question.QuestionStatus.EXPIRED : Question.QuestionStatus.PENDING, null,
            reject ? "timeout" : null, q.askedAt(), reject ? e.at() : null, q.expiresAt(),
            q.policy(), !reject, q.answerSchema()));
        pendingHumanSteps -= reject && q.pending() ? 1 : 0;
        if (reject && q.fromCall()) {
          // why: the call goes on without an answer
          update(e.step(), s -> s.status() == StepStatus.WAITING_FOR_APPROVAL
              ? s.with(StepStatus.RUNNING) : s);
        }
      }
      case Event.QuestionWithdrawn e -> {
        Question q = question(e.question());
        questions.put(q.id(), new Question(q.id(), q.execution(), q.step(), q.tool(), q.input(),
            Question.QuestionStatus.WITHDRAWN, null, null, q.askedAt(), e.at(), q.expiresAt(),
            q.policy(), q.escalated(), q.answerSchema()));
        pendingHumanSteps -= q.pending() ? 1 : 0;
        update(e.step(), s -> s.status() == StepStatus.WAITING_FOR_APPROVAL
            ? s.with(StepStatus.RUNNING) : s);
      }
      case Event.ModelUsed e -> {
        usage = usage.plus(e.calls(), e.inputTokens(), e.outputTokens());
        usageByModel.merge(e.model(), Usage.NONE.plus(e.calls(), e.inputTokens(),
            e.outputTokens()), (a, b) -> a.plus(b.calls(), b.inputTokens(), b.outputTokens()));
      }
      case Event.ApprovalExpired e -> {
        Approval a = approval(e.approval());
        boolean reject = e.policy() == ExpiryPolicy.REJECT;
        approvals.put(a.id(), new Approval(a.id(), a.execution(), a.step(), a.tool(),
            a.arguments(), reject ? ApprovalStatus.EXPIRED : ApprovalStatus.PENDING, null,
            reject ? "timeout" : null, reject ? "expired" : "escalated", a.requestedAt(),
            reject ? e.at() : null, a.expiresAt(), a.policy(), !reject, a.preview(),
            a.digest()));
        pendingHumanSteps -= reject && a.pending() ? 1 : 0;
      }
    }
  }

  private void setPlan(PlanVersion v) {
    versions.add(v);
    graph = PlanGraph.of(v.plan());
    Map<StepId, StepState> old = new LinkedHashMap<>(steps);
    steps.clear();
    frontier.clear();
    frontierLog.clear();
    inFlight.clear();
    failed.clear();
    terminal = 0;
    running = 0;
    for (Step s : v.plan().steps()) {
      StepState before = old.get(s.id());
      // why: a new version keeps what succeeded or is still running; everything else runs again
      boolean keep = before != null && (before.status() == StepStatus.SUCCEEDED
          || before.status().inFlight());
      put(keep ? before : StepState.pending(s.id()));
    }
    for (StepState st : steps.values()) {
      if (st.status() == StepStatus.PENDING && dependenciesEnded(st.id())) {
        enterFrontier(st.id());
      }
    }
  }

  private void update(StepId step, java.util.function.UnaryOperator<StepState> change) {
    StepState s = steps.get(step);
    if (s == null) {
      throw BatonException.of(ErrorCode.STORE_CORRUPT, "event names unknown step " + step);
    }
    put(change.apply(s));
  }

  /** Stores a step's new state and keeps the frontier and the counters in step with it. */
  private void put(StepState next) {
    StepState prev = steps.put(next.id(), next);
    StepStatus before = prev == null ? null : prev.status();
    StepStatus after = next.status();
    if (before == after) {
      return;
    }
    if (before != null) {
      terminal -= before.terminal() ? 1 : 0;
      running -= before == StepStatus.RUNNING ? 1 : 0;
      // why: only the sets the step was in; each lookup is paid on every step of a run
      if (before.inFlight()) {
        inFlight.remove(next.id());
      }
      if (before == StepStatus.PENDING) {
        frontier.remove(next.id());
      }
      if (before == StepStatus.FAILED) {
        failed.remove(next.id());
      }
    }
    if (after == StepStatus.FAILED) {
      failed.add(next.id());
    }
    terminal += after.terminal() ? 1 : 0;
    running += after == StepStatus.RUNNING ? 1 : 0;
    if (after.inFlight()) {
      inFlight.add(next.id());
    }
    if (graph == null || prev == null) {
      return;
    }
    if (after == StepStatus.PENDING && dependenciesEnded(next.id())) {
      enterFrontier(next.id());
    }
    if (after.terminal()) {
      for (StepId d : graph.dependents(next.id())) {
        StepState dep = steps.get(d);
        if (dep != null && dep.status() == StepStatus.PENDING && dependenciesEnded(d)) {
          enterFrontier(d);
        }
      }
    }
  }

  private void enterFrontier(StepId id) {
    if (frontier.add(id)) {
      frontierLog.add(id);
    }
  }

  private boolean dependenciesEnded(StepId id) {
    for (StepId d : graph.dependencies(id)) {
      StepState dep = steps.get(d);
      if (dep == null || !dep.status().terminal()) {
        return false;
      }
    }
    return true;
  }

  private Question question(ApprovalId id) {
    Question q = questions.get(id);
    if (q == null) {
      throw BatonException.of(ErrorCode.STORE_CORRUPT, "event names unknown question " + id);
    }
    return q;
  }

  private Approval approval(ApprovalId approvalId) {
    Approval a = approvals.get(approvalId);
    if (a == null) {
      throw BatonException.of(ErrorCode.STORE_CORRUPT, "event names unknown approval "
          + approvalId);
    }
    return a;
  }

  public ExecutionId id() {
    return id;
  }

  public String tenant() {
    return tenant;
  }

  public String request() {
    return request;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public long lastSeq() {
    return lastSeq;
  }

  public ExecutionStatus status() {
    return status;
  }

  public String statusReason() {
    return statusReason;
  }

  public ExecutionOptions options() {
    return options;
  }

  /** The current plan; null while the planner is still making the first one. */
  public Plan plan() {
    return graph == null ? null : graph.plan();
  }

  /** Why planning failed (the execution then failed too), or null. */
  public ErrorInfo planningError() {
    return planningError;
  }

  public PlanGraph graph() {
    return graph;
  }

  /** The current plan version; 0 while the first plan is being made. */
  public int planVersion() {
    return versions.isEmpty() ? 0 : versions.getLast().version();
  }

  /** Model calls and tokens this execution used so far (planning included). */
  public Usage usage() {
    return usage;
  }

  /** The same, per model (as named in {@link Event.ModelUsed#model()}), in first-use order. */
  public Map<String, Usage> usageByModel() {
    return Collections.unmodifiableMap(usageByModel);
  }

  /** Model calls and tokens, summed. */
  public record Usage(int calls, long inputTokens, long outputTokens) {
    public static final Usage NONE = new Usage(0, 0, 0);

    Usage plus(int c, long in, long out) {
      return new Usage(calls + c, inputTokens + in, outputTokens + out);
    }

    public long totalTokens() {
      return inputTokens + outputTokens;
    }
  }

  /** How many plan versions came from replanning after a failure. */
  public int replans() {
    return (int) versions.stream().filter(PlanVersion::replan).count();
  }

  public List<PlanVersion> versions() {
    return Collections.unmodifiableList(versions);
  }

  public Map<StepId, StepState> steps() {
    return Collections.unmodifiableMap(steps);
  }

  public StepState step(StepId step) {
    return steps.get(step);
  }

  public Map<ApprovalId, Approval> approvals() {
    return Collections.unmodifiableMap(approvals);
  }

  public Optional<Approval> latestApproval(StepId step) {
    Approval found = null;
    for (Approval a : approvals.values()) {
      if (a.step().equals(step)) {
        found = a;
      }
    }
    return Optional.ofNullable(found);
  }

  /** Approvals waiting for a person; none once the execution has ended (nothing will run). */
  public List<Approval> pendingApprovals() {
    return pendingHumanSteps() == 0 ? List.of()
        : approvals.values().stream().filter(Approval::pending).toList();
  }

  public Map<ApprovalId, Question> questions() {
    return Collections.unmodifiableMap(questions);
  }

  /** Questions waiting for a person; none once the execution has ended. */
  public List<Question> pendingQuestions() {
    return pendingHumanSteps() == 0 ? List.of()
        : questions.values().stream().filter(Question::pending).toList();
  }

  public Optional<Question> latestQuestion(StepId step) {
    Question found = null;
    for (Question q : questions.values()) {
      if (q.step().equals(step)) {
        found = q;
      }
    }
    return Optional.ofNullable(found);
  }

  /** How many approvals and questions wait for a person (none once the execution has ended). */
  public int pendingHumanSteps() {
    return status.terminal() ? 0 : pendingHumanSteps;
  }

  public boolean planApprovalPending() {
    return planApprovalPending;
  }

  /** Outputs of the steps that succeeded, by step. */
  public Map<StepId, JsonNode> outputs() {
    Map<StepId, JsonNode> out = new LinkedHashMap<>();
    steps.forEach((k, v) -> {
      if (v.status() == StepStatus.SUCCEEDED) {
        out.put(k, v.output());
      }
    });
    return out;
  }

  /** How many steps are finished (in any terminal state). */
  public int finishedSteps() {
    return terminal;
  }

  /** Whether every step of the current plan is finished (false while there is no plan yet). */
  public boolean allStepsFinished() {
    return graph != null && terminal == steps.size();
  }

  /** How many steps are running (not counting those waiting for a person). */
  public int runningSteps() {
    return running;
  }

  /** Pending steps whose dependencies have all finished: they can start now, or never. */
  public Set<StepId> frontier() {
    return Collections.unmodifiableSet(frontier);
  }

  /**
   * Every step that joined the frontier in the current plan version, in the order it joined (it
   * may have left it since); a reader that remembers how far it read sees only what is new.
   */
  public List<StepId> frontierLog() {
    return frontierLogView;
  }

  /** Steps that failed for good in the current plan version. */
  public Set<StepId> failedSteps() {
    return Collections.unmodifiableSet(failed);
  }

  /** Steps running or waiting for a person. */
  public Set<StepId> inFlight() {
    return Collections.unmodifiableSet(inFlight);
  }

  /** A succeeded step's output, or null. */
  public JsonNode output(StepId step) {
    StepState s = steps.get(step);
    return s == null || s.status() != StepStatus.SUCCEEDED ? null : s.output();
  }

  /** How many approvals or questions this step has had (the next one's number is this plus one). */
  public int humanStepsFor(StepId step) {
    int n = 0;
    for (Approval a : approvals.values()) {
      n += a.step().equals(step) ? 1 : 0;
    }
    for (Question q : questions.values()) {
      n += q.step().equals(step) ? 1 : 0;
    }
    return n;
  }
}
