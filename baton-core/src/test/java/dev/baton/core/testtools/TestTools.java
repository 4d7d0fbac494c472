package dev.baton.core.testtools;

import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Tools for engine tests: they record what happened to them so tests can count and order. */
public final class TestTools {
  private TestTools() {}

  public record SleepIn(long millis, Optional<String> resource) {}

  public record SleepOut(String said, long slept) {}

  public record Call(String step, long startNanos, long endNanos) {}

  /** Sleeps, records when each call started and ended, and can hold a resource lock. */
  public static final class Sleep extends TypedTool<SleepIn, SleepOut> {
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public final AtomicInteger concurrent = new AtomicInteger();
    public final AtomicInteger maxConcurrentOnResource = new AtomicInteger();
    private final Map<String, AtomicInteger> holders = new ConcurrentHashMap<>();

    public Sleep() {
      this("test.sleep", ToolOptions.readOnly().retry(RetryPolicy.NONE).build());
    }

    public Sleep(String name, ToolOptions options) {
      super(name, "Sleeps for a while", SleepIn.class, SleepOut.class, options);
    }

    @Override
    protected SleepOut run(SleepIn in, ToolContext ctx) throws InterruptedException {
      long start = System.nanoTime();
      AtomicInteger onResource = in.resource().map(r -> holders.computeIfAbsent(r,
          k -> new AtomicInteger())).orElse(null);
      if (onResource != null) {
        maxConcurrentOnResource.accumulateAndGet(onResource.incrementAndGet(), Math::max);
      }
      concurrent.incrementAndGet();
      try {
        Thread.sleep(in.millis());
      } finally {
        concurrent.decrementAndGet();
        if (onResource != null) {
          onResource.decrementAndGet();
        }
      }
      calls.add(new Call(ctx.stepId(), start, System.nanoTime()));
      return new SleepOut("slept " + in.millis() + " in " + ctx.stepId(), in.millis());
    }

    @Override
    protected Set<String> resourcesOf(SleepIn in) {
      return in.resource().map(Set::of).orElse(Set.of());
    }

    public Call call(String step) {
      return calls.stream().filter(c -> c.step().equals(step)).findFirst().orElseThrow();
    }
  }

  public record FlakyIn(int failures, boolean permanent) {}

  public record FlakyOut(int attempts) {}

  /** Fails the first {@code failures} calls of each step, retryably or for good. */
  public static final class Flaky extends TypedTool<FlakyIn, FlakyOut> {
    public final Map<String, AtomicInteger> callsByStep = new ConcurrentHashMap<>();

    public Flaky() {
      super("test.flaky", "Fails a few times, then succeeds", FlakyIn.class, FlakyOut.class,
          ToolOptions.readOnly().retry(new RetryPolicy(4, Duration.ofMillis(5), 2.0,
              Duration.ofMillis(40), 0.5)).build());
    }

    @Override
    protected FlakyOut run(FlakyIn in, ToolContext ctx) {
      int n = callsByStep.computeIfAbsent(ctx.stepId(), k -> new AtomicInteger())
          .incrementAndGet();
      if (n <= in.failures()) {
        throw in.permanent() ? ToolFailure.permanent("refused for good (call " + n + ")")
            : ToolFailure.retryable("temporarily down (call " + n + ")");
      }
      return new FlakyOut(n);
    }

    public int calls(String step) {
      return callsByStep.getOrDefault(step, new AtomicInteger()).get();
    }
  }

  public record SendIn(String to, String text) {}

  public record SendOut(String sent, String key) {}

  /** A side-effecting tool that counts its calls by idempotency key. */
  public static final class Send extends TypedTool<SendIn, SendOut> {
    public final List<SendIn> sent = new CopyOnWriteArrayList<>();
    public final Map<String, AtomicInteger> byKey = new ConcurrentHashMap<>();

    public Send() {
      super("test.send", "Sends a message (a side effect)", SendIn.class, SendOut.class,
          ToolOptions.sideEffecting().retry(RetryPolicy.NONE).build());
    }

    @Override
    protected Optional<String> previewOf(SendIn in) {
      return Optional.of("sends \u201c" + in.text() + "\u201d to " + in.to());
    }

    @Override
    protected SendOut run(SendIn in, ToolContext ctx) {
      sent.add(in);
      byKey.computeIfAbsent(ctx.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
      return new SendOut(in.to() + ": " + in.text(), ctx.idempotencyKey());
    }
  }

  public record EchoIn(String text, Optional<List<String>> words) {}

  public record EchoOut(String text, int length, List<String> words) {}

  /** Returns its input; cached for a minute. */
  public static final class Echo extends TypedTool<EchoIn, EchoOut> {
    public final AtomicInteger calls = new AtomicInteger();

    public Echo() {
      super("test.echo", "Echoes text", EchoIn.class, EchoOut.class,
          ToolOptions.readOnly().cacheTtl(Duration.ofMinutes(1)).build());
    }

    @Override
    protected EchoOut run(EchoIn in, ToolContext ctx) {
      calls.incrementAndGet();
      return new EchoOut(in.text(), in.text().length(), in.words().orElse(List.of()));
    }
  }
}
