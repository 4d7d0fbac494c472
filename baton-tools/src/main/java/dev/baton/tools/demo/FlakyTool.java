package dev.baton.tools.demo;

import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code demo.flaky}: fails the first {@code failures} calls of a step, then succeeds. */
public final class FlakyTool extends TypedTool<FlakyTool.Input, FlakyTool.Output> {
  /**
   * @param failures how many calls fail before one succeeds
   * @param permanent fail for good (no retry) instead of retryably
   */
  public record Input(int failures, boolean permanent) {}

  public record Output(int attempts) {}

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final CallJournal journal;

  public FlakyTool(CallJournal journal) {
    super("demo.flaky", "Fails a few times (retryably or for good), then succeeds", Input.class,
        Output.class, ToolOptions.readOnly().retry(new RetryPolicy(5, Duration.ofMillis(100), 2.0,
            Duration.ofSeconds(2), 0.3)).build());
    this.journal = journal;
  }

  @Override
  protected Output run(Input in, ToolContext ctx) {
    journal.record("start", ctx.idempotencyKey());
    int n = calls.computeIfAbsent(ctx.idempotencyKey(), k -> new AtomicInteger())
        .incrementAndGet();
    if (n <= in.failures()) {
      throw in.permanent() ? ToolFailure.permanent("the demo service refused (call " + n + ")")
          : ToolFailure.retryable("the demo service is busy (call " + n + ")");
    }
    journal.record("end", ctx.idempotencyKey());
    return new Output(n);
  }
}
