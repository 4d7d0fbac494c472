package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.memory.InMemoryExecutionStore;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.testtools.TestTools;
import dev.baton.core.tool.RateLimit;
import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.tool.ToolOptions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PipelineLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static String steps(String tool, int n, String args) {
    StringBuilder sb = new StringBuilder("{\"steps\":[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i).append("\",\"tool\":\"")
          .append(tool).append("\",\"args\":").append(args).append("}");
    }
    return sb.append("]}").toString();
  }

  @Test
  void rateLimitDelaysCallsBeyondThePermitsAndSaysSo() {
    TestTools.Sleep limited = new TestTools.Sleep("test.limited", ToolOptions.readOnly()
        .retry(RetryPolicy.NONE).rateLimit(new RateLimit(2, Duration.ofMillis(300))).build());
    List<Event> events = new CopyOnWriteArrayList<>();
    try (Engine engine = Engine.builder(new InMemoryExecutionStore(), ToolCatalog.of(limited))
        .build()) {
      engine.subscribe(events::add);
      ExecutionId id = engine.submit(Submission.of(PlanCodec.parse(steps("test.limited", 4,
          "{\"millis\":1}"))).withOptions(ExecutionOptions.DEFAULTS.withMaxParallel(4)));
      assertThat(engine.awaitEnd(id, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
    assertThat(events).filteredOn(e -> e instanceof Event.StepStage s
        && s.stage() == Event.Stage.RATE_LIMITED).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void perToolConcurrencyIsBounded() {
    TestTools.Sleep narrow = new TestTools.Sleep("test.narrow", ToolOptions.readOnly()
        .retry(RetryPolicy.NONE).maxConcurrency(1).build());
    List<Integer> seen = new CopyOnWriteArrayList<>();
    try (Engine engine = Engine.builder(new InMemoryExecutionStore(), ToolCatalog.of(narrow))
        .build()) {
      engine.subscribe(e -> seen.add(narrow.concurrent.get()));
      ExecutionId id = engine.submit(Submission.of(PlanCodec.parse(steps("test.narrow", 5,
          "{\"millis\":20}"))).withOptions(ExecutionOptions.DEFAULTS.withMaxParallel(5)));
      assertThat(engine.awaitEnd(id, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
    assertThat(narrow.calls).hasSize(5);
    assertThat(seen).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1));
    for (int i = 1; i < narrow.calls.size(); i++) {
      assertThat(narrow.calls.get(i).startNanos())
          .isGreaterThanOrEqualTo(narrow.calls.get(i - 1).endNanos());
    }
  }

  @Test
  void everyStepGetsASpanWithItsToolAndOutcome() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider
        .builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
    TestTools.Echo echo = new TestTools.Echo();
    TestTools.Flaky flaky = new TestTools.Flaky();
    try (Engine engine = Engine.builder(new InMemoryExecutionStore(), ToolCatalog.of(echo, flaky))
        .openTelemetry(otel).build()) {
      ExecutionId id = engine.submit(Submission.of(PlanCodec.parse("""
          {"steps":[{"id":"a","tool":"test.echo","args":{"text":"x"}},
                    {"id":"b","tool":"test.flaky","args":{"failures":1,"permanent":true}}]}""")));
      engine.awaitEnd(id, WAIT);
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).extracting(SpanData::getName)
        .containsExactlyInAnyOrder("step test.echo", "step test.flaky");
    assertThat(spans).anySatisfy(s -> {
      assertThat(s.getName()).isEqualTo("step test.flaky");
      assertThat(s.getAttributes().get(AttributeKey.stringKey("baton.outcome")))
          .isEqualTo("failed");
    });
  }

  public record AskIn(String question) {}

  public record AskOut(String answer) {}

  /** A tool that "calls a model" and reports it, as the analysis agent does. */
  static final class Ask extends dev.baton.core.tool.TypedTool<AskIn, AskOut> {
    Ask() {
      super("test.ask", "Asks a model", AskIn.class, AskOut.class,
          ToolOptions.readOnly().retry(RetryPolicy.NONE).build());
    }

    @Override
    protected AskOut run(AskIn in, dev.baton.core.tool.ToolContext ctx) {
      ctx.usage().record("scripted:model", 1, 1000, 200, Duration.ofMillis(5));
      return new AskOut("42");
    }
  }

  @Test
  void modelUseReportedByAToolCountsTowardTheExecution() {
    try (Engine engine = Engine.builder(new InMemoryExecutionStore(), ToolCatalog.of(new Ask()))
        .build()) {
      ExecutionId id = engine.submit(Submission.of(PlanCodec.parse("""
          {"steps":[{"id":"a","tool":"test.ask","args":{"question":"why"}},
                    {"id":"b","tool":"test.ask","args":{"question":"how"}}]}"""))
          .withPlannedBy("scripted:model", new dev.baton.core.planning.PlanCost(1, 500, 100,
              Duration.ofMillis(3))));
      var s = engine.awaitEnd(id, WAIT);
      assertThat(s.usage().calls()).isEqualTo(3);
      assertThat(s.usage().inputTokens()).isEqualTo(2500);
      assertThat(s.usage().totalTokens()).isEqualTo(2500 + 500);
      assertThat(engine.store().events(id, 0)).filteredOn(e -> e instanceof Event.ModelUsed)
          .extracting(e -> ((Event.ModelUsed) e).purpose())
          .containsExactlyInAnyOrder("planning", "a", "b");
    }
  }
}
