package dev.baton.testkit;

import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tools for engine tests: they record what happened to them (on the engine's clock, real or
 * virtual) so tests can count calls and order them in time.
 */
public final class TestTools {
  private TestTools() {}

  public record SleepIn(long millis, Optional<String> resource) {}

  public record SleepOut(String said, long slept) {}

  /** One call: which step, and when it started and ended on the engine's clock. */
  public record Call(String step, Instant start, Instant end) {}

  /**
   * Waits (through the engine's time port) for {@code millis}, records each call's start and end,
   * and can hold a resource lock.
   */
  public static final class Sleep extends TypedTool<SleepIn, SleepOut> {
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public final AtomicInteger concurrent = new AtomicInteger();
    public final AtomicInteger started = new AtomicInteger();
    private final InstantSource clock;
    private final Map<String, List<Call>> byResource = new ConcurrentHashMap<>();

    public Sleep(InstantSource clock) {
      this(clock, "test.sleep", ToolOptions.readOnly().retry(RetryPolicy.NONE).build());
    }

    public Sleep(InstantSource clock, String name, ToolOptions options) {
      super(name, "Waits for a while", SleepIn.class, SleepOut.class, options);
      this.clock = clock;
    }

    @Override
    protected SleepOut run(SleepIn in, ToolContext ctx) throws InterruptedException {
      Instant start = clock.instant();
      started.incrementAndGet();
      concurrent.incrementAndGet();
      try {
        ctx.sleep(Duration.ofMillis(in.millis()));
      } finally {
        concurrent.decrementAndGet();
      }
      // why: on virtual time the wait is owed, not spent: the call ends millis after it began
      Call call = new Call(ctx.stepId(), start, start.plusMillis(in.millis()));
      calls.add(call);
      in.resource().ifPresent(r -> byResource.computeIfAbsent(r,
          k -> new CopyOnWriteArrayList<>()).add(call));
      return new SleepOut("slept " + in.millis() + " in " + ctx.stepId(), in.millis());
    }

    @Override
    protected Set<String> resourcesOf(SleepIn in) {
      return in.resource().map(Set::of).orElse(Set.of());
    }

    public Call call(String step) {
      return calls.stream().filter(c -> c.step().equals(step)).findFirst().orElseThrow();
    }

    /** The most calls on {@code resource} whose [start, end) intervals overlap. */
    public int maxOverlapOn(String resource) {
      List<Call> list = byResource.getOrDefault(resource, List.of());
      int max = 0;
      for (Call a : list) {
        int n = 0;
        for (Call b : list) {
          if (b.start().isBefore(a.end()) && a.start().isBefore(b.end())) {
            n++;
          }
        }
        max = Math.max(max, n);
      }
      return max;
    }

    /** The most calls of this tool whose [start, end) intervals overlap. */
    public int maxOverlap() {
      int max = 0;
      for (Call a : calls) {
        int n = 0;
        for (Call b : calls) {
          if (b.start().isBefore(a.end()) && a.start().isBefore(b.end())) {
            n++;
          }
        }
        max = Math.max(max, n);
      }
      return max;
    }
  }

  public record FlakyIn(int failures, boolean permanent) {}

  public record FlakyOut(int attempts) {}

  /** Fails the first {@code failures} calls of each step, retryably or for good. */
  public static final class Flaky extends TypedTool<FlakyIn, FlakyOut> {
    public final Map<String, List<Instant>> callsByStep = new ConcurrentHashMap<>();
    private final InstantSource clock;

    public Flaky(InstantSource clock) {
      this(clock, new RetryPolicy(4, Duration.ofMillis(100), 2.0, Duration.ofSeconds(2), 0.5));
    }

    public Flaky(InstantSource clock, RetryPolicy retry) {
      super("test.flaky", "Fails a few times, then succeeds", FlakyIn.class, FlakyOut.class,
          ToolOptions.readOnly().retry(retry).build());
      this.clock = clock;
    }

    @Override
    protected FlakyOut run(FlakyIn in, ToolContext ctx) {
      List<Instant> calls = callsByStep.computeIfAbsent(ctx.stepId(),
          k -> new CopyOnWriteArrayList<>());
      calls.add(clock.instant());
      int n = calls.size();
      if (n <= in.failures()) {
        throw in.permanent() ? ToolFailure.permanent("refused for good (call " + n + ")")
            : ToolFailure.retryable("temporarily down (call " + n + ")");
      }
      return new FlakyOut(n);
    }

    public int calls(String step) {
      return callsByStep.getOrDefault(step, List.of()).size();
    }

    /** When each call of {@code step} was made. */
    public List<Instant> times(String step) {
      return callsByStep.getOrDefault(step, List.of());
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

  public record ChooseIn(String question, List<String> candidates) {}

  public record ChooseOut(String value) {}

  /** A question a person answers: choose one of the candidates. */
  public static final class Choose extends TypedTool<ChooseIn, ChooseOut> {
    public Choose() {
      super("test.choose", "Asks a person to choose", ChooseIn.class, ChooseOut.class,
          ToolOptions.answeredByPerson().build());
    }

    @Override
    protected ChooseOut run(ChooseIn in, ToolContext ctx) {
      throw ToolFailure.permanent("a person answers this step");
    }
  }
}
