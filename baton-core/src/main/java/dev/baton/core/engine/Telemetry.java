package dev.baton.core.engine;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.plan.StepId;
import java.time.Duration;

/** Spans and metrics per step, through whatever OpenTelemetry the application configured. */
final class Telemetry {
  private static final AttributeKey<String> EXECUTION = AttributeKey.stringKey("baton.execution");
  private static final AttributeKey<String> STEP = AttributeKey.stringKey("baton.step");
  private static final AttributeKey<String> TOOL = AttributeKey.stringKey("baton.tool");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("baton.outcome");

  /** With no OpenTelemetry configured, no span or measurement is made at all. */
  private final boolean off;
  private final Tracer tracer;
  private final LongCounter steps;
  private final DoubleHistogram durations;
  /** Attributes per tool and outcome, made once: a step should not allocate them each time. */
  private final java.util.concurrent.ConcurrentMap<String, Attributes> attributes =
      new java.util.concurrent.ConcurrentHashMap<>();

  Telemetry(OpenTelemetry otel) {
    this.off = otel == OpenTelemetry.noop();
    this.tracer = otel.getTracer("dev.baton.engine");
    var meter = otel.getMeter("dev.baton.engine");
    this.steps = meter.counterBuilder("baton.steps")
        .setDescription("Steps that finished, by tool and outcome").build();
    this.durations = meter.histogramBuilder("baton.step.duration").setUnit("s")
        .setDescription("Time from a step's start to its end, by tool and outcome").build();
  }

  /** Makes the span current on this thread (nothing to do when telemetry is off). */
  io.opentelemetry.context.Scope enter(Span span) {
    return off ? io.opentelemetry.context.Scope.noop() : span.makeCurrent();
  }

  Span startStep(ExecutionId execution, StepId step, String tool) {
    if (off) {
      return Span.getInvalid();
    }
    return tracer.spanBuilder("step " + tool)
        .setAttribute(EXECUTION, execution.value())
        .setAttribute(STEP, step.value())
        .setAttribute(TOOL, tool)
        .startSpan();
  }

  void endStep(Span span, String tool, AttemptResult outcome, Duration took) {
    if (off) {
      return;
    }
    String result = switch (outcome) {
      case AttemptResult.Succeeded s -> s.cached() ? "cached" : "succeeded";
      case AttemptResult.Failed f -> "failed";
      case AttemptResult.Interrupted i -> "cancelled";
      case AttemptResult.Deferred d -> "deferred";
      case AttemptResult.Blocked b -> "blocked";
    };
    span.setAttribute(OUTCOME, result);
    if (outcome instanceof AttemptResult.Failed f) {
      span.setStatus(StatusCode.ERROR, dev.baton.core.text.Redactor.clean(f.error().getMessage()));
    }
    span.end();
    Attributes attrs = attributes.computeIfAbsent(tool + "\u0000" + result,
        k -> Attributes.of(TOOL, tool, OUTCOME, result));
    steps.add(1, attrs);
    durations.record(took.toNanos() / 1e9, attrs);
  }
}
