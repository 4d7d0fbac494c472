package dev.baton.store.jdbc.bench;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.plan.Title;
import dev.baton.store.jdbc.CommitProbe;
import dev.baton.store.jdbc.JdbcExecutionStore;
import dev.baton.testkit.Events;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * What one {@link JdbcExecutionStore#append} costs next to one bare commit ({@link CommitProbe}) on
 * the same database in the same run, for a chain of steps as the engine writes it. Two shapes:
 *
 * <ul>
 *   <li>split: per step one append of StepStarted + AttemptStarted, then one of StepSucceeded with
 *       a small JSON output (two appends per step);
 *   <li>engine: per step one append of the previous step's StepSucceeded with this step's
 *       StepStarted + AttemptStarted (how the engine batches a chain: one append per step).
 * </ul>
 *
 * <p>A measuring tool, not a test: it asserts nothing. Run it with the test classpath from the
 * module's folder, after {@code mvn -o test-compile dependency:build-classpath
 * -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}:
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     dev.baton.store.jdbc.bench.AppendBenchmark both 500 5
 * }</pre>
 *
 * <p>The arguments are the database ({@code sqlite}, {@code postgres} or {@code both}), the steps
 * per chain and the measured chains per shape (one more chain per shape warms up). PostgreSQL is {@code BATON_TEST_PG_URL} or the
 * local test server; the benchmark works in a schema of its own and drops it.
 */
public final class AppendBenchmark {
  private static final String DEFAULT_PG_URL =
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  private static final int PROBE_COMMITS = 500;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private AppendBenchmark() {}

  /** Wall and this thread's CPU time of some operations: microseconds. */
  public record Times(double mean, double median, double p90, double p99, double cpuMean) {
    static Times of(List<long[]> wallAndCpu) {
      long[] wall = sorted(wallAndCpu, 0);
      long[] cpu = sorted(wallAndCpu, 1);
      return new Times(meanOf(wall), percentile(wall, 50), percentile(wall, 90),
          percentile(wall, 99), meanOf(cpu));
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "mean %.1f us, median %.1f, p90 %.1f, p99 %.1f"
          + " (cpu mean %.1f)", mean, median, p90, p99, cpuMean);
    }
  }

  /**
   * The figures of one database. The bare commit is measured before and after the appends; its
   * CPU time is this thread's (SQLite runs in it, PostgreSQL does not), warm-up included.
   */
  public record Result(String database, int steps, int chains, Times commitBefore,
      Times commitAfter, Times split, Times engine) {
    double commit() {
      return (commitBefore.median + commitAfter.median) / 2;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-8s %d steps x %d chains%n"
              + "  bare commit before: %s%n"
              + "  bare commit after : %s%n"
              + "  split  (2 appends/step): %s = %.2fx commit (medians)%n"
              + "  engine (1 append/step) : %s = %.2fx commit (medians)",
          database, steps, chains, commitBefore, commitAfter, split, split.median / commit(),
          engine, engine.median / commit());
    }
  }

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "both";
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int chains = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    if (which.equals("sqlite") || which.equals("both")) {
      System.out.println(sqlite(steps, chains));
    }
    if (which.equals("postgres") || which.equals("both")) {
      System.out.println(postgres(steps, chains));
    }
  }

  public static Result sqlite(int steps, int chains) throws IOException {
    Path folder = Files.createTempDirectory("baton-append-bench");
    Path file = folder.resolve("baton.db");
    try {
      return run("sqlite", () -> JdbcExecutionStore.sqlite(file), steps, chains);
    } finally {
      try (var files = Files.list(folder)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(folder);
    }
  }

  public static Result postgres(int steps, int chains) throws SQLException {
    String url = System.getenv("BATON_TEST_PG_URL");
    String pgUrl = url == null || url.isBlank() ? DEFAULT_PG_URL : url;
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    String schema = "bench_append_" + HexFormat.of().formatHex(random);
    try {
      return run("postgres", () -> JdbcExecutionStore.postgres(pgUrl, null, null, schema), steps,
          chains);
    } finally {
      try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static Result run(String database, Supplier<JdbcExecutionStore> open, int steps,
      int chains) {
    try (JdbcExecutionStore store = open.get()) {
      Plan plan = chain(steps);
      // warm-up: JIT, pool, statement caches
      commits(store);
      split(store, plan, steps);
      engine(store, plan, steps);

      Times commitBefore = commits(store);
      List<long[]> split = new ArrayList<>();
      List<long[]> engine = new ArrayList<>();
      for (int i = 0; i < chains; i++) {
        split.addAll(split(store, plan, steps));
        engine.addAll(engine(store, plan, steps));
      }
      Times commitAfter = commits(store);
      return new Result(database, steps, chains, commitBefore, commitAfter, Times.of(split),
          Times.of(engine));
    }
  }

  /**
   * {@link CommitProbe} in rounds of 50 commits, so a median is there to see next to the mean
   * despite a busy machine.
   */
  private static Times commits(JdbcExecutionStore store) {
    List<long[]> rounds = new ArrayList<>();
    int perRound = 50;
    for (int i = 0; i < PROBE_COMMITS / perRound; i++) {
      long cpu = CPU.getCurrentThreadCpuTime();
      long wall = CommitProbe.meanCommit(store, perRound).toNanos();
      // why: the probe also warms up (20 commits) and creates and drops its table
      rounds.add(new long[] {wall, (CPU.getCurrentThreadCpuTime() - cpu) / (20 + perRound)});
    }
    return Times.of(rounds);
  }

  /** Each append's wall and CPU time in nanoseconds: two appends per step. */
  private static List<long[]> split(JdbcExecutionStore store, Plan plan, int steps) {
    Events run = Events.newExecution(InstantSource.system());
    store.append(List.of(run.created("bench", "a chain of " + steps + " steps", plan),
        run.status(ExecutionStatus.RUNNING)));
    List<long[]> times = new ArrayList<>(2 * steps);
    for (int i = 1; i <= steps; i++) {
      String step = "s" + i;
      times.add(timed(store, List.of(run.stepStarted(step), run.attemptStarted(step, 1))));
      times.add(timed(store, List.of(run.stepSucceeded(step, output(i)))));
    }
    return times;
  }

  /**
   * Each append's wall and CPU time in nanoseconds: one append per step, as the engine batches a
   * chain.
   */
  private static List<long[]> engine(JdbcExecutionStore store, Plan plan, int steps) {
    Events run = Events.newExecution(InstantSource.system());
    store.append(List.of(run.created("bench", "a chain of " + steps + " steps", plan),
        run.status(ExecutionStatus.RUNNING)));
    List<long[]> times = new ArrayList<>(steps);
    for (int i = 1; i <= steps; i++) {
      String step = "s" + i;
      List<Event> batch = new ArrayList<>(3);
      if (i > 1) {
        batch.add(run.stepSucceeded("s" + (i - 1), output(i - 1)));
      }
      batch.add(run.stepStarted(step));
      batch.add(run.attemptStarted(step, 1));
      times.add(timed(store, batch));
    }
    return times;
  }

  private static long[] timed(JdbcExecutionStore store, List<Event> events) {
    long cpu = CPU.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    store.append(events);
    return new long[] {System.nanoTime() - start, CPU.getCurrentThreadCpuTime() - cpu};
  }

  private static Plan chain(int steps) {
    List<Step> chain = new ArrayList<>(steps);
    for (int i = 1; i <= steps; i++) {
      List<StepId> after = i == 1 ? List.of() : List.of(StepId.of("s" + (i - 1)));
      chain.add(new Step(StepId.of("s" + i), Events.ECHO, Json.object().put("text", "step " + i),
          Title.NONE, after, false));
    }
    return new Plan(chain);
  }

  private static tools.jackson.databind.JsonNode output(int i) {
    return Json.object().put("text", "hello from step " + i).put("n", i);
  }

  private static long[] sorted(List<long[]> times, int column) {
    long[] a = times.stream().mapToLong(t -> t[column]).toArray();
    Arrays.sort(a);
    return a;
  }

  private static double meanOf(long[] sortedNanos) {
    return Arrays.stream(sortedNanos).average().orElse(0) / 1e3;
  }

  private static double percentile(long[] sortedNanos, int p) {
    int i = Math.min(sortedNanos.length - 1, (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1);
    return sortedNanos[Math.max(0, i)] / 1e3;
  }
}
