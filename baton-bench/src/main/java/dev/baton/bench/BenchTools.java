package dev.baton.bench;

import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The benchmark's tools: a no-op, and one sleep tool per duration. A tool per duration because the
 * scheduler weighs a step by its tool's {@code expectedDuration}, so each sleep is weighed by what it
 * really takes.
 */
final class BenchTools {
  static final String NOOP = "bench.noop";

  private BenchTools() {}

  /** The input of every benchmark tool: nothing needed. */
  record In(Optional<String> label) {}

  /** The output of every benchmark tool: the step that ran. */
  record Out(String step) {}

  /** Returns at once. */
  static final class Noop extends TypedTool<In, Out> {
    Noop() {
      super(NOOP, "Does nothing and returns at once", In.class, Out.class,
          ToolOptions.readOnly().retry(RetryPolicy.NONE).expectedDuration(Duration.ofMillis(1))
              .build());
    }

    @Override
    protected Out run(In input, ToolContext context) {
      return new Out(context.stepId());
    }
  }

  /** Sleeps for a fixed time. */
  static final class Sleep extends TypedTool<In, Out> {
    private final Duration work;

    Sleep(Duration work) {
      super(name(work), "Sleeps for " + work.toMillis() + " ms", In.class, Out.class,
          ToolOptions.readOnly().retry(RetryPolicy.NONE).expectedDuration(work).build());
      this.work = work;
    }

    @Override
    protected Out run(In input, ToolContext context) throws InterruptedException {
      Thread.sleep(work);
      return new Out(context.stepId());
    }
  }

  /** The tool that does a task's work: the no-op for zero, else the sleep of that length. */
  static String toolFor(Duration work) {
    return work.isZero() ? NOOP : name(work);
  }

  private static String name(Duration work) {
    return "bench.sleep_" + work.toMillis() + "ms";
  }

  /** The no-op plus a sleep tool for every distinct sleep in the workloads. */
  static ToolCatalog catalog(Collection<Workload> workloads) {
    TreeSet<Duration> sleeps = new TreeSet<>();
    for (Workload w : workloads) {
      for (Workload.Task t : w.tasks()) {
        if (!t.work().isZero()) {
          sleeps.add(t.work());
        }
      }
    }
    List<Tool> tools = new ArrayList<>();
    tools.add(new Noop());
    sleeps.forEach(d -> tools.add(new Sleep(d)));
    return ToolCatalog.of(tools);
  }
}
