package dev.baton.core.engine;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.Event.Stage;
import dev.baton.core.port.RateLimiter;
import dev.baton.core.port.ResourceLocks;
import dev.baton.core.port.ResultCache;
import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.StepLogger;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One step's way through the engine, in this order: cache → rate limit → resource lock → approval
 * gate → run with timeout, retried with backoff and jitter on retryable errors → cache → metrics and
 * span → release the lock. Every stage reports through the {@link StepChannel}. Runs on the step's
 * own virtual thread; cancellation is an interrupt.
 */
final class StepPipeline {
  private final ResultCache cache;
  private final RateLimiter rateLimiter;
  private final ResourceLocks locks;
  private final Limits limits;
  private final Telemetry telemetry;
  private final InstantSource clock;

  StepPipeline(ResultCache cache, RateLimiter rateLimiter, ResourceLocks locks, Limits limits,
      Telemetry telemetry, InstantSource clock) {
    this.cache = cache;
    this.rateLimiter = rateLimiter;
    this.locks = locks;
    this.limits = limits;
    this.telemetry = telemetry;
    this.clock = clock;
  }

  StepOutcome run(StepTask task, StepChannel channel) {
    Instant started = clock.instant();
    Span span = telemetry.startStep(task);
    StepOutcome outcome;
    try (Scope ignored = span.makeCurrent()) {
      outcome = stages(task, channel, started);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = new StepOutcome.Cancelled();
    } catch (BatonException e) {
      outcome = e.code() == ErrorCode.STEP_CANCELLED ? new StepOutcome.Cancelled()
          : new StepOutcome.Failed(ErrorInfo.of(e), 0);
    } catch (RuntimeException e) {
      outcome = new StepOutcome.Failed(ErrorInfo.of(Failures.classify(e,
          task.tool().descriptor().name())), 0);
    }
    telemetry.endStep(span, task, outcome, Duration.between(started, clock.instant()));
    return outcome;
  }

  private StepOutcome stages(StepTask task, StepChannel channel, Instant started)
      throws InterruptedException {
    Tool tool = task.tool();
    ToolOptions options = tool.descriptor().options();
    String name = tool.descriptor().name();
    String cacheKey = null;
    if (options.cacheTtl() != null) {
      cacheKey = CacheKeys.of(name, task.tenant(), task.arguments());
      Optional<JsonNode> hit = cache.get(cacheKey);
      if (hit.isPresent()) {
        stage(channel, task, Stage.CACHE_HIT, null);
        return new StepOutcome.Succeeded(hit.get(), 0, Duration.ZERO, true);
      }
      stage(channel, task, Stage.CACHE_MISS, null);
    }
    if (options.rateLimit() != null) {
      Duration waited = rateLimiter.acquire(name, task.tenant(), options.rateLimit());
      if (!waited.isZero()) {
        stage(channel, task, Stage.RATE_LIMITED, "waited " + waited.toMillis() + " ms");
      }
    }
    Set<String> keys = tool.resources(task.arguments());
    ResourceLocks.Held held = lock(task, channel, keys);
    try {
      ObjectNode arguments = task.arguments();
      if (options.sideEffect()) {
        // why: no lock is held while a person decides, or two approvals on one calendar could
        // never be pending at once; the lock is taken again before the call
        unlock(task, channel, keys, held, "while waiting for approval");
        held = null;
        ApprovalOutcome approval = await(channel.awaitApproval(task.step(), name, arguments,
            preview(tool, arguments)));
        if (!approval.approved()) {
          return new StepOutcome.Skipped(approval.reason());
        }
        arguments = approval.arguments();
        stage(channel, task, Stage.APPROVED, null);
        held = lock(task, channel, keys);
      }
      StepOutcome outcome = attempts(task, arguments, channel, started);
      if (cacheKey != null && outcome instanceof StepOutcome.Succeeded s) {
        cache.put(cacheKey, s.output(), options.cacheTtl());
        stage(channel, task, Stage.CACHE_STORED, null);
      }
      return outcome;
    } finally {
      if (held != null) {
        unlock(task, channel, keys, held, null);
      }
    }
  }

  /** The tool's own words for what approving will do; a failing preview only loses the words. */
  private static String preview(Tool tool, ObjectNode arguments) {
    try {
      return tool.preview(arguments).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private ResourceLocks.Held lock(StepTask task, StepChannel channel, Set<String> keys)
      throws InterruptedException {
    ResourceLocks.Held held = locks.acquire(keys);
    if (!keys.isEmpty()) {
      stage(channel, task, Stage.LOCK_ACQUIRED, String.join(", ", keys));
    }
    return held;
  }

  private void unlock(StepTask task, StepChannel channel, Set<String> keys,
      ResourceLocks.Held held, String why) {
    held.close();
    if (!keys.isEmpty()) {
      stage(channel, task, Stage.LOCK_RELEASED, String.join(", ", keys)
          + (why == null ? "" : " " + why));
    }
  }

  private static ApprovalOutcome await(java.util.concurrent.CompletableFuture<ApprovalOutcome> f)
      throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw Failures.classify(e, "approval");
    }
  }

  private StepOutcome attempts(StepTask task, ObjectNode arguments, StepChannel channel,
      Instant started) throws InterruptedException {
    ToolOptions options = task.tool().descriptor().options();
    RetryPolicy policy = options.retry();
    IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
        policy.initialDelay(), policy.multiplier(), Math.max(policy.jitter(), 0.0001),
        policy.maxDelay());
    AtomicInteger attempt = new AtomicInteger();
    AtomicReference<BatonException> last = new AtomicReference<>();
    RetryConfig config = RetryConfig.<JsonNode>custom()
        .maxAttempts(policy.maxAttempts())
        .retryOnException(t -> !Thread.currentThread().isInterrupted()
            && Failures.classify(t, "").retryable())
        .intervalBiFunction((n, either) -> {
          BatonException e = last.get();
          long wait = e != null && e.retryAfter().isPresent() ? e.retryAfter().get().toMillis()
              : backoff.apply(n);
          int failed = attempt.get();
          channel.emit(seq -> new Event.AttemptFailed(task.execution(), seq, clock.instant(),
              task.step(), failed, ErrorInfo.of(e), Duration.ofMillis(wait)));
          return wait;
        })
        .build();
    Retry retry = Retry.of(task.idempotencyKey(), config);
    try {
      JsonNode output = retry.executeCallable(() -> {
        int n = attempt.incrementAndGet();
        channel.emit(seq -> new Event.AttemptStarted(task.execution(), seq, clock.instant(),
            task.step(), n, arguments.deepCopy()));
        try {
          return once(task, arguments, n, channel);
        } catch (Exception e) {
          BatonException b = Failures.classify(e, task.tool().descriptor().name());
          last.set(b);
          throw b;
        }
      });
      return new StepOutcome.Succeeded(output, attempt.get(),
          Duration.between(started, clock.instant()), false);
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("cancelled");
      }
      BatonException b = Failures.classify(e, task.tool().descriptor().name());
      if (b.code() == ErrorCode.STEP_CANCELLED) {
        throw new InterruptedException("cancelled");
      }
      int n = attempt.get();
      channel.emit(seq -> new Event.AttemptFailed(task.execution(), seq, clock.instant(),
          task.step(), n, ErrorInfo.of(b), null));
      return new StepOutcome.Failed(ErrorInfo.of(b), n);
    }
  }

  private JsonNode once(StepTask task, ObjectNode arguments, int attempt, StepChannel channel)
      throws Exception {
    Tool tool = task.tool();
    ToolOptions options = tool.descriptor().options();
    ToolContext context = new ToolContext(task.execution().value(), task.step().value(), attempt,
        task.idempotencyKey(), task.tenant(), logger(task, channel),
        (model, calls, in, out, took) -> channel.emit(seq -> new Event.ModelUsed(task.execution(),
            seq, clock.instant(), task.step().value(), model, calls, in, out, took)));
    try (Limits.Permit permit = limits.acquire(tool.descriptor().name(),
        options.maxConcurrency())) {
      FutureTask<JsonNode> call = new FutureTask<>(() -> tool.call(arguments, context));
      Thread.ofVirtual().name("tool-" + task.step().value()).start(telemetry.wrap(call));
      JsonNode output;
      try {
        output = call.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        call.cancel(true);
        throw BatonException.of(ErrorCode.STEP_TIMEOUT, tool.descriptor().name()
            + " did not finish within " + options.timeout().toMillis() + " ms", e);
      } catch (InterruptedException e) {
        call.cancel(true);
        throw e;
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception x ? x : e;
      }
      List<Problem> problems = tool.descriptor().outputProblems(
          output == null ? dev.baton.core.json.Json.object().nullNode() : output, "/output");
      if (!problems.isEmpty()) {
        throw BatonException.invalid(ErrorCode.STEP_OUTPUT_INVALID, tool.descriptor().name()
            + " returned output that does not fit its schema:", problems);
      }
      return output;
    }
  }

  private StepLogger logger(StepTask task, StepChannel channel) {
    return new StepLogger() {
      @Override
      public void info(String message) {
        channel.emit(seq -> new Event.StepLogged(task.execution(), seq, clock.instant(),
            task.step(), "INFO", message));
      }

      @Override
      public void warn(String message) {
        channel.emit(seq -> new Event.StepLogged(task.execution(), seq, clock.instant(),
            task.step(), "WARN", message));
      }
    };
  }

  private void stage(StepChannel channel, StepTask task, Stage stage, String detail) {
    Instant at = clock.instant();
    channel.emit(seq -> new Event.StepStage(task.execution(), seq, at, task.step(), stage,
        detail));
  }
}
