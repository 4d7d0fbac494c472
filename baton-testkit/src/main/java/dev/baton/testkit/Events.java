package dev.baton.testkit;

import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.plan.Title;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the events of one execution for tests. Each call returns the next event: seq rises by one
 * from 1, and the event is stamped with the clock's current instant, so advance the clock between
 * events that must differ in time. Approvals take their tool from the current plan and are numbered
 * per step as the engine numbers them. Building an event does not store it. Not thread-safe: one
 * test thread builds one log.
 */
public final class Events {
  /** The tools of {@link #demoPlan()}; stores do not check that tools exist. */
  public static final String ECHO = "demo.echo";
  public static final String UPPER = "demo.upper";
  public static final String SEND = "demo.send";

  private final ExecutionId execution;
  private final InstantSource clock;
  private final Map<StepId, Integer> approvalsPerStep = new HashMap<>();
  private long seq;
  private Plan plan = demoPlan();
  private int planVersion = 1;
  private ExecutionStatus status = ExecutionStatus.QUEUED;

  private Events(ExecutionId execution, InstantSource clock) {
    this.execution = execution;
    this.clock = clock;
  }

  /** A builder for a new execution with a random id. */
  public static Events newExecution(InstantSource clock) {
    return of(ExecutionId.random(), clock);
  }

  public static Events of(ExecutionId execution, InstantSource clock) {
    return new Events(execution, clock);
  }

  /**
   * Three steps: {@code fetch} ({@value #ECHO}), {@code shout} ({@value #UPPER}, reads fetch's
   * output) and {@code send} ({@value #SEND}, after shout, the one a person approves).
   */
  public static Plan demoPlan() {
    ObjectNode fetchArgs = Json.object().put("text", "hello");
    ObjectNode shoutArgs = Json.object();
    shoutArgs.putObject("text").put("$ref", "fetch#/text");
    ObjectNode sendArgs = Json.object().put("to", "dana@example.com");
    sendArgs.putObject("body").put("$ref", "shout");
    return new Plan(List.of(
        Step.of("fetch", ECHO, fetchArgs),
        Step.of("shout", UPPER, shoutArgs),
        new Step(StepId.of("send"), SEND, sendArgs, new Title("שליחה", "Send"),
            List.of(StepId.of("shout")), false)));
  }

  /** Independent steps {@code s1}, {@code s2}, … calling the given tools with no arguments. */
  public static Plan plan(String... tools) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < tools.length; i++) {
      steps.add(Step.of("s" + (i + 1), tools[i], Json.object()));
    }
    return new Plan(steps);
  }

  public ExecutionId execution() {
    return execution;
  }

  /** The seq of the last event built (0 before the first). */
  public long lastSeq() {
    return seq;
  }

  /** Makes the next event take seq {@code lastSeq + 1}: to rebuild after a refused append. */
  public Events resumeAfter(long lastSeq) {
    this.seq = lastSeq;
    return this;
  }

  public Event.ExecutionCreated created(String tenant, String request, Plan firstPlan) {
    plan = firstPlan;
    return new Event.ExecutionCreated(execution, ++seq, now(), tenant, request, firstPlan,
        ExecutionOptions.DEFAULTS);
  }

  /** Created with {@link #demoPlan()} and a short request. */
  public Event.ExecutionCreated created(String tenant) {
    return created(tenant, "echo, shout and send hello", demoPlan());
  }

  /** Created for {@code tenant}, then moved to RUNNING: the usual start of a log. */
  public List<Event> started(String tenant) {
    return List.of(created(tenant), status(ExecutionStatus.RUNNING));
  }

  public Event.StatusChanged status(ExecutionStatus to) {
    ExecutionStatus from = status;
    status = to;
    return new Event.StatusChanged(execution, ++seq, now(), from, to,
        "moved to " + to.name().toLowerCase());
  }

  public Event.PlanApprovalRequested planApprovalRequested() {
    return new Event.PlanApprovalRequested(execution, ++seq, now(), planVersion);
  }

  public Event.PlanApprovalDecided planApprovalDecided(boolean approved, String by) {
    return new Event.PlanApprovalDecided(execution, ++seq, now(), approved, by,
        approved ? "go ahead" : "too risky");
  }

  public Event.PlanVersionCreated planVersion(Plan next, String reason) {
    plan = next;
    return new Event.PlanVersionCreated(execution, ++seq, now(), ++planVersion, next, reason);
  }

  public Event.StepStarted stepStarted(String step) {
    return new Event.StepStarted(execution, ++seq, now(), StepId.of(step));
  }

  public Event.StepStage stage(String step, Event.Stage stage, String detail) {
    return new Event.StepStage(execution, ++seq, now(), StepId.of(step), stage, detail);
  }

  public Event.AttemptStarted attemptStarted(String step, int attempt) {
    ObjectNode input = plan.step(StepId.of(step)).orElseThrow().args();
    return new Event.AttemptStarted(execution, ++seq, now(), StepId.of(step), attempt, input);
  }

  public Event.AttemptFailed attemptFailed(String step, int attempt, String message,
      Duration retryIn) {
    return new Event.AttemptFailed(execution, ++seq, now(), StepId.of(step), attempt,
        new ErrorInfo(ErrorCode.TOOL_UNAVAILABLE, message, true), retryIn);
  }

  public Event.StepSucceeded stepSucceeded(String step, JsonNode output) {
    return new Event.StepSucceeded(execution, ++seq, now(), StepId.of(step), output, 1,
        Duration.ofMillis(250), false);
  }

  public Event.StepFailed stepFailed(String step, String message) {
    return new Event.StepFailed(execution, ++seq, now(), StepId.of(step),
        new ErrorInfo(ErrorCode.TOOL_FAILED, message, false), 1);
  }

  public Event.StepSkipped stepSkipped(String step, String reason) {
    return new Event.StepSkipped(execution, ++seq, now(), StepId.of(step), reason);
  }

  public Event.StepCancelled stepCancelled(String step) {
    return new Event.StepCancelled(execution, ++seq, now(), StepId.of(step));
  }

  public Event.StepLogged logged(String step, String message) {
    return new Event.StepLogged(execution, ++seq, now(), StepId.of(step), "INFO", message);
  }

  /** Started, first attempt, succeeded with {@code output}: one step's whole life. */
  public List<Event> stepRun(String step, JsonNode output) {
    return List.of(stepStarted(step), attemptStarted(step, 1), stepSucceeded(step, output));
  }

  /** A person is asked about {@code step} with its planned arguments; no timeout. */
  public Event.ApprovalRequested approvalRequested(String step) {
    return approvalRequested(step, plan.step(StepId.of(step)).orElseThrow().args(), null,
        ExpiryPolicy.REJECT);
  }

  public Event.ApprovalRequested approvalRequested(String step, ObjectNode arguments,
      Instant expiresAt, ExpiryPolicy policy) {
    return approvalRequested(step, arguments, expiresAt, policy, null);
  }

  /** With the tool's words for what approving will do. */
  public Event.ApprovalRequested approvalRequested(String step, ObjectNode arguments,
      Instant expiresAt, ExpiryPolicy policy, String preview) {
    StepId id = StepId.of(step);
    int n = approvalsPerStep.merge(id, 1, Integer::sum);
    String tool = plan.step(id).orElseThrow().tool();
    return new Event.ApprovalRequested(execution, ++seq, now(), ApprovalId.of(execution, id, n),
        id, tool, arguments, expiresAt, policy, preview);
  }

  /** The answer to the latest approval of {@code step}. */
  public Event.ApprovalDecided approvalDecided(String step, boolean approved, String by) {
    StepId id = StepId.of(step);
    return new Event.ApprovalDecided(execution, ++seq, now(), latestApproval(id), id, approved,
        null, by, approved ? "looks right" : "not now");
  }

  /** A person approved the latest approval of {@code step} with changed arguments. */
  public Event.ApprovalDecided approvalEdited(String step, ObjectNode editedArguments, String by) {
    StepId id = StepId.of(step);
    return new Event.ApprovalDecided(execution, ++seq, now(), latestApproval(id), id, true,
        editedArguments, by, "changed the arguments");
  }

  /** The latest approval of {@code step} timed out under {@code policy}. */
  public Event.ModelUsed modelUsed(String purpose, int calls, long inputTokens,
      long outputTokens) {
    return new Event.ModelUsed(execution, ++seq, clock.instant(), purpose, "scripted:model", calls,
        inputTokens, outputTokens, java.time.Duration.ofMillis(10));
  }

  public Event.ApprovalExpired approvalExpired(String step, ExpiryPolicy policy) {
    StepId id = StepId.of(step);
    return new Event.ApprovalExpired(execution, ++seq, now(), latestApproval(id), id, policy);
  }

  /** {@code step} asks a person a question ({@code input}); no timeout unless given. */
  public Event.QuestionAsked questionAsked(String step, ObjectNode input, Instant expiresAt,
      ExpiryPolicy policy) {
    StepId id = StepId.of(step);
    int n = approvalsPerStep.merge(id, 1, Integer::sum);
    String tool = plan.step(id).orElseThrow().tool();
    return new Event.QuestionAsked(execution, ++seq, now(), ApprovalId.of(execution, id, n), id,
        tool, input, expiresAt, policy);
  }

  /** The answer to the latest question of {@code step}. */
  public Event.QuestionAnswered questionAnswered(String step, JsonNode answer, String by) {
    StepId id = StepId.of(step);
    return new Event.QuestionAnswered(execution, ++seq, now(), latestApproval(id), id, answer,
        by);
  }

  /** A running call of {@code step} asks a person; the answer must fit {@code answerSchema}. */
  public Event.QuestionAsked callAsked(String step, ObjectNode input, ObjectNode answerSchema) {
    StepId id = StepId.of(step);
    int n = approvalsPerStep.merge(id, 1, Integer::sum);
    String tool = plan.step(id).orElseThrow().tool();
    return new Event.QuestionAsked(execution, ++seq, now(), ApprovalId.of(execution, id, n), id,
        tool, input, null, ExpiryPolicy.REJECT, answerSchema);
  }

  /** The latest question of {@code step} is withdrawn: the call that asked ended. */
  public Event.QuestionWithdrawn questionWithdrawn(String step, String reason) {
    StepId id = StepId.of(step);
    return new Event.QuestionWithdrawn(execution, ++seq, now(), latestApproval(id), id, reason);
  }

  /** The latest question of {@code step} timed out under {@code policy}. */
  public Event.QuestionExpired questionExpired(String step, ExpiryPolicy policy) {
    StepId id = StepId.of(step);
    return new Event.QuestionExpired(execution, ++seq, now(), latestApproval(id), id, policy);
  }

  /** The planner could not plan the request. */
  public Event.PlanningFailed planningFailed(String message) {
    return new Event.PlanningFailed(execution, ++seq, now(), new dev.baton.core.exec.ErrorInfo(
        dev.baton.core.error.ErrorCode.PLAN_NOT_UNDERSTOOD, message, false));
  }

  private ApprovalId latestApproval(StepId step) {
    Integer n = approvalsPerStep.get(step);
    if (n == null) {
      throw new IllegalStateException("no approval was requested for step " + step);
    }
    return ApprovalId.of(execution, step, n);
  }

  private Instant now() {
    return clock.instant();
  }
}
