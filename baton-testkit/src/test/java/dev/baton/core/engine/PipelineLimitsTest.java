package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.exec.ExecutionState;
import dev.baton.testkit.TestEngine;
import dev.baton.testkit.TestTools;
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
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PipelineLimitsTest {
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
    TestTools.Sleep[] limited = new TestTools.Sleep[1];
    try (TestEngine t = TestEngine.create(clock -> ToolCatalog.of(limited[0] =
        new TestTools.Sleep(clock, "test.limited", ToolOptions.readOnly().retry(RetryPolicy.NONE)
            .rateLimit(new RateLimit(2, Duration.ofMillis(300))).build())))) {
      ExecutionId id = t.submit(steps("test.limited", 4, "{\"millis\":1}"),
          ExecutionOptions.DEFAULTS.withMaxParallel(4)).id();
      assertThat(t.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(t.events(id)).filteredOn(e -> e instanceof Event.StepStage s
          && s.stage() == Event.Stage.RATE_LIMITED).hasSizeGreaterThanOrEqualTo(2);
      // why: two permits per 300 ms, refilled greedily: the last two calls wait for the refill
      List<Instant> starts = limited[0].calls.stream().map(TestTools.Call::start).sorted()
          .toList();
      assertThat(Duration.between(starts.getFirst(), starts.get(3)))
          .isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }
  }

  @Test
  void perToolConcurrencyIsBounded() {
    TestTools.Sleep[] narrow = new TestTools.Sleep[1];
    try (TestEngine t = TestEngine.create(clock -> ToolCatalog.of(narrow[0] =
        new TestTools.Sleep(clock, "test.narrow", ToolOptions.readOnly().retry(RetryPolicy.NONE)
            .maxConcurrency(1).build())))) {
      ExecutionId id = t.submit(steps("test.narrow", 5, "{\"millis\":20}"),
          ExecutionOptions.DEFAULTS.withMaxParallel(5)).id();
      ExecutionState s = t.awaitEnd(id);
      assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(narrow[0].calls).hasSize(5);
      assertThat(narrow[0].maxOverlap()).isEqualTo(1);
      assertThat(Duration.between(t.events(id).getFirst().at(), s.updatedAt()))
          .isEqualTo(Duration.ofMillis(100));
    }
  }

  @Test
  void everyAttemptGetsASpanWithItsToolAndOutcome() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider
        .builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
    try (TestEngine t = TestEngine.create(clock -> ToolCatalog.of(new TestTools.Echo(),
        new TestTools.Flaky(clock)), b -> b.openTelemetry(otel))) {
      ExecutionId id = t.submit("""
          {"steps":[{"id":"a","tool":"test.echo","args":{"text":"x"}},
                    {"id":"b","tool":"test.flaky","args":{"failures":1,"permanent":true}}]}""")
          .id();
      t.awaitEnd(id);
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
    try (TestEngine t = TestEngine.of(ToolCatalog.of(new Ask()))) {
      ExecutionId id = t.submit(Submission.of(PlanCodec.parse("""
          {"steps":[{"id":"a","tool":"test.ask","args":{"question":"why"}},
                    {"id":"b","tool":"test.ask","args":{"question":"how"}}]}"""))
          .withPlannedBy("scripted:model", new dev.baton.core.planning.PlanCost(1, 500, 100,
              Duration.ofMillis(3)))).id();
      var s = t.awaitEnd(id);
      assertThat(s.usage().calls()).isEqualTo(3);
      assertThat(s.usage().inputTokens()).isEqualTo(2500);
      assertThat(s.usage().totalTokens()).isEqualTo(2500 + 500);
      assertThat(t.events(id)).filteredOn(e -> e instanceof Event.ModelUsed)
          .extracting(e -> ((Event.ModelUsed) e).purpose())
          .containsExactlyInAnyOrder("planning", "a", "b");
    }
  }
}
