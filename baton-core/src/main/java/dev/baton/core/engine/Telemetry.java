package dev.baton.core.engine;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;

/** Spans and metrics per step, through whatever OpenTelemetry the application configured. */
final class Telemetry {
  private static final AttributeKey<String> EXECUTION = AttributeKey.stringKey("baton.execution");
  private static final AttributeKey<String> STEP = AttributeKey.stringKey("baton.step");
  private static final AttributeKey<String> TOOL = AttributeKey.stringKey("baton.tool");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("baton.outcome");

  private final Tracer tracer;
  private final LongCounter steps;
  private final DoubleHistogram durations;

  Telemetry(OpenTelemetry otel) {
    this.tracer = otel.getTracer("dev.baton.engine");
    var meter = otel.getMeter("dev.baton.engine");
    this.steps = meter.counterBuilder("baton.steps")
        .setDescription("Steps that finished, by tool and outcome").build();
    this.durations = meter.histogramBuilder("baton.step.duration").setUnit("s")
        .setDescription("Time from a step's start to its end, by tool and outcome").build();
  }

  Span startStep(StepTask task) {
    return tracer.spanBuilder("step " + task.tool().descriptor().name())
        .setAttribute(EXECUTION, task.execution().value())
        .setAttribute(STEP, task.step().value())
        .setAttribute(TOOL, task.tool().descriptor().name())
        .startSpan();
  }

  void endStep(Span span, StepTask task, StepOutcome outcome, Duration took) {
    String result = switch (outcome) {
      case StepOutcome.Succeeded s -> s.cached() ? "cached" : "succeeded";
      case StepOutcome.Failed f -> "failed";
      case StepOutcome.Skipped s -> "skipped";
      case StepOutcome.Cancelled c -> "cancelled";
    };
    span.setAttribute(OUTCOME, result);
    if (outcome instanceof StepOutcome.Failed f) {
      span.setStatus(StatusCode.ERROR, f.error().message());
    }
    span.end();
    Attributes attrs = Attributes.of(TOOL, task.tool().descriptor().name(), OUTCOME, result);
    steps.add(1, attrs);
    durations.record(took.toNanos() / 1e9, attrs);
  }

  /** Carries the current span into the tool's own thread. */
  Runnable wrap(Runnable r) {
    return Context.current().wrap(r);
  }
}
