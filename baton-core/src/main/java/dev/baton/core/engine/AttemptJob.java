package dev.baton.core.engine;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.exec.ArgumentDigest;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.Event.Stage;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.json.Json;
import dev.baton.core.plan.StepId;
import dev.baton.core.port.ResourceLocks;
import dev.baton.core.port.TimePort;
import dev.baton.core.text.Redactor;
import dev.baton.core.tool.Asker;
import dev.baton.core.tool.StepLogger;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.UsageMeter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One try of a step's tool call, on the job's own thread: cache → rate limit → resource locks →
 * capacity → the call (with its timeout, through the time port) → output check → cache → release.
 * It reports facts (stages, the attempt's start, logs, model use) and then how it ended, to the
 * execution's actor. A gate it cannot pass now ends it as deferred or blocked, holding nothing, and
 * the actor starts it again when the gate opens.
 */
final class AttemptJob implements Runnable, StepLogger, UsageMeter, Asker {
  /** Where the job's facts and its end go: the execution's actor, as {@code offer(input, here)}. */
  interface Sink {
    void offer(Input input, boolean here);
  }

  private final Engine engine;
  private final Sink actor;
  private final ExecutionId execution;
  private final String tenant;
  private final Effect.Run run;
  private final Object token;
  private final String name;
  private final ToolOptions options;

  AttemptJob(Engine engine, Sink actor, ExecutionId execution, String tenant, Effect.Run run,
      Object token) {
    this.engine = engine;
    this.actor = actor;
    this.execution = execution;
    this.tenant = tenant;
    this.run = run;
    this.token = token;
    this.name = run.tool().descriptor().name();
    this.options = run.tool().descriptor().options();
  }

  private StepId step() {
    return run.step();
  }

  @Override
  public void run() {
    if (Thread.currentThread().isInterrupted()) {
      report(new AttemptResult.Interrupted());
      return;
    }
    TimePort time = engine.time();
    Instant started = time.instant();
    List<Draft> facts = new ArrayList<>(2);
    String cacheKey = null;
    if (options.cacheTtl() != null && run.attempt() == 1) {
      cacheKey = CacheKeys.of(name, tenant, run.arguments());
      Optional<JsonNode> hit = engine.cache().get(cacheKey);
      if (hit.isPresent()) {
        facts.add(stage(started, Stage.CACHE_HIT, null));
        flush(facts);
        report(new AttemptResult.Succeeded(hit.get(), Duration.ZERO, true));
        return;
      }
      facts.add(stage(started, Stage.CACHE_MISS, null));
    }
    if (options.rateLimit() != null) {
      Duration wait = engine.rateLimiter().tryAcquire(name, tenant, options.rateLimit());
      if (!wait.isZero()) {
        facts.add(stage(started, Stage.RATE_LIMITED, "waiting " + wait.toMillis() + " ms"));
        flush(facts);
        report(new AttemptResult.Deferred(started.plus(wait)));
        return;
      }
    }
    Set<String> keys = resources();
    ResourceLocks.Held held = null;
    if (!keys.isEmpty()) {
      held = engine.locks().tryAcquire(keys, this::retry);
      if (held == null) {
        facts.add(stage(started, Stage.LOCK_WAITING, String.join(", ", keys)));
        flush(facts);
        report(new AttemptResult.Blocked());
        return;
      }
      facts.add(stage(started, Stage.LOCK_ACQUIRED, String.join(", ", keys)));
    }
    Limits.Permit permit = engine.limits().tryAcquire(name, options.maxConcurrency(), this::retry);
    if (permit == null) {
      release(held, keys, facts, started);
      facts.add(stage(started, Stage.CAPACITY_WAITING, name));
      flush(facts);
      report(new AttemptResult.Blocked());
      return;
    }
    call(facts, started, cacheKey, held, keys, permit);
  }

  private void call(List<Draft> facts, Instant started, String cacheKey,
      ResourceLocks.Held held, Set<String> keys, Limits.Permit permit) {
    ObjectNode args = run.arguments();
    if (run.digest() != null && !run.digest().equals(ArgumentDigest.of(args))) {
      permit.close();
      release(held, keys, facts, started);
      flush(facts);
      report(new AttemptResult.Failed(BatonException.builder(ErrorCode.APPROVAL_ARGUMENTS_CHANGED,
          "the arguments of " + step() + " are not the ones approved; nothing was run")
          .retryable(false).build()));
      return;
    }
    int attempt = run.attempt();
    facts.add(seq -> new Event.AttemptStarted(execution, seq, started, step(), attempt, args));
    flush(facts);
    TimePort time = engine.time();
    Span span = engine.telemetry().startStep(execution, step(), name);
    JsonNode output = null;
    BatonException error = null;
    // why: the timeout is the round's to enforce (it interrupts this thread), so no timer here
    try (Scope ignored = engine.telemetry().enter(span)) {
      output = run.tool().call(args, context());
    } catch (Throwable t) {
      error = Failures.classify(t, name);
    }
    Duration owed = time.takeOwedWait();
    JsonNode out = output;
    BatonException err = error;
    if (owed.isZero()) {
      finish(out, err, cacheKey, held, keys, permit, span, started);
    } else {
      // why: on virtual time the call's waits are owed: it ends that much later on the clock
      time.schedule(started.plus(owed),
          () -> finish(out, err, cacheKey, held, keys, permit, span, started));
    }
  }

  private void finish(JsonNode output, BatonException error, String cacheKey,
      ResourceLocks.Held held, Set<String> keys, Limits.Permit permit, Span span,
      Instant started) {
    Instant ended = engine.time().instant();
    List<Draft> facts = new ArrayList<>(2);
    AttemptResult result;
    try {
      if (error == null && !run.tool().outputTrusted()) {
        List<Problem> problems = run.tool().descriptor().outputProblems(
            output == null ? Json.object().nullNode() : output, "/output");
        if (!problems.isEmpty()) {
          error = BatonException.invalid(ErrorCode.STEP_OUTPUT_INVALID, name
              + " returned output that does not fit its schema:", problems);
        }
      }
      if (error == null && cacheKey != null) {
        engine.cache().put(cacheKey, output, options.cacheTtl());
        facts.add(stage(ended, Stage.CACHE_STORED, null));
      }
    } finally {
      permit.close();
      release(held, keys, facts, ended);
    }
    Duration took = Duration.between(started, ended);
    if (error == null) {
      result = new AttemptResult.Succeeded(output, took, false);
    } else if (error.code() == ErrorCode.STEP_CANCELLED) {
      result = new AttemptResult.Interrupted();
    } else {
      result = new AttemptResult.Failed(error);
    }
    engine.telemetry().endStep(span, name, result, took);
    flush(facts);
    report(result);
  }

  private Set<String> resources() {
    try {
      return run.tool().resources(run.arguments());
    } catch (RuntimeException e) {
      // why: a tool that cannot name its resources is called without locks, not left hanging
      return Set.of();
    }
  }

  private void release(ResourceLocks.Held held, Set<String> keys, List<Draft> facts,
      Instant at) {
    if (held != null) {
      held.close();
      facts.add(stage(at, Stage.LOCK_RELEASED, String.join(", ", keys)));
    }
  }

  private ToolContext context() {
    return new ToolContext(execution.value(), step().value(), run.attempt(),
        execution.value() + "/" + step().value(), tenant, this, this, engine.sleeper, this);
  }

  @Override
  public void info(String message) {
    logged("INFO", message);
  }

  @Override
  public void warn(String message) {
    logged("WARN", message);
  }

  private void logged(String level, String message) {
    String clean = Redactor.clean(message);
    StepId st = step();
    fact(seq -> new Event.StepLogged(execution, seq, engine.time().instant(), st, level, clean));
  }

  @Override
  public void record(String model, int calls, long in, long out, Duration took) {
    StepId st = step();
    fact(seq -> new Event.ModelUsed(execution, seq, engine.time().instant(), st.value(), model,
        calls, in, out, took));
  }

  /** A question from the call to the person: it waits, holding its thread, for the answer. */
  @Override
  public Optional<JsonNode> ask(String message, ObjectNode answerSchema)
      throws InterruptedException {
    if (answerSchema == null || !"object".equals(answerSchema.path("type").asString(""))) {
      throw BatonException.of(ErrorCode.STEP_INPUT_INVALID, name + " asked a question whose"
          + " answer schema is not a JSON schema of an object");
    }
    // why: a schema that does not compile would only fail when the person answers
    try {
      dev.baton.core.tool.Schemas.validate(answerSchema, Json.object(), "/answer");
    } catch (RuntimeException e) {
      throw BatonException.of(ErrorCode.STEP_INPUT_INVALID, name + " asked a question whose"
          + " answer schema does not compile: " + e.getMessage());
    }
    if (!engine.workers().mayBlock()) {
      return Optional.empty();
    }
    CompletableFuture<Optional<JsonNode>> reply = new CompletableFuture<>();
    actor.offer(new Input.Asked(step(), token, message, answerSchema.deepCopy(), reply), false);
    try {
      return reply.get();
    } catch (ExecutionException e) {
      return Optional.empty();
    } catch (java.util.concurrent.CancellationException e) {
      throw new InterruptedException("the execution ended while " + step() + " waited for an"
          + " answer");
    }
  }

  private Draft stage(Instant at, Stage stage, String detail) {
    return seq -> new Event.StepStage(execution, seq, at, step(), stage, detail);
  }

  private void fact(Draft d) {
    actor.offer(new Input.Facts(List.of(d)), false);
  }

  private void flush(List<Draft> facts) {
    if (!facts.isEmpty()) {
      actor.offer(new Input.Facts(List.copyOf(facts)), false);
      facts.clear();
    }
  }

  private void retry() {
    actor.offer(new Input.Retry(step()), false);
  }

  private void report(AttemptResult result) {
    actor.offer(new Input.AttemptEnded(step(), run.attempt(), result, token), true);
  }
}
