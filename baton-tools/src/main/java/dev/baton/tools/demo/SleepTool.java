package dev.baton.tools.demo;

import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.time.Duration;
import java.util.Optional;

/** {@code demo.sleep}: waits, then says so. Stands in for a slow read-only call. */
public final class SleepTool extends TypedTool<SleepTool.Input, SleepTool.Output> {
  /**
   * @param millis how long to wait (0 to 600000)
   * @param text optional text to hand on to later steps
   */
  public record Input(long millis, Optional<String> text) {}

  public record Output(String text, long sleptMillis) {}

  private final CallJournal journal;

  public SleepTool(CallJournal journal) {
    super("demo.sleep", "Waits for the given milliseconds and returns the text it was given",
        Input.class, Output.class, ToolOptions.readOnly().retry(RetryPolicy.NONE)
            .timeout(Duration.ofMinutes(11)).build());
    this.journal = journal;
  }

  @Override
  protected Output run(Input in, ToolContext ctx) throws InterruptedException {
    if (in.millis() < 0 || in.millis() > 600_000) {
      throw dev.baton.core.tool.ToolFailure.permanent("millis must be between 0 and 600000");
    }
    journal.record("start", ctx.idempotencyKey());
    ctx.log().info("sleeping " + in.millis() + " ms");
    ctx.sleep(java.time.Duration.ofMillis(in.millis()));
    journal.record("end", ctx.idempotencyKey());
    return new Output(in.text().orElse(ctx.stepId() + " done"), in.millis());
  }
}
