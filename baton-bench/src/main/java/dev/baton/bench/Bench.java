package dev.baton.bench;

import dev.baton.core.memory.InMemoryExecutionStore;
import dev.baton.store.jdbc.CommitProbe;
import dev.baton.store.jdbc.JdbcExecutionStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs the benchmark suites and gathers every measure into a {@link Report}. All executors run in
 * this one JVM, one run at a time. In order: each executor is set up once from nothing (its first
 * setup, timed), then set up again {@code setupReps} times (interleaved); then every workload runs
 * {@code warmups} times unmeasured on every executor and {@code reps} times measured, interleaved
 * per repetition so that drift on the machine touches each alike; last, one executor at a time is
 * set up afresh and runs {@code memoryRuns} small executions, and the heap they leave is measured.
 */
final class Bench {

  /**
   * What to measure: (a) makespan on the DAG, (b) per-step overhead on a chain and a fan-out,
   * (c) the peer frameworks beside Baton on those workloads, (d) setup time, (e) memory after many
   * small executions.
   */
  enum Suite { DAG, OVERHEAD, PEERS, SETUP, MEMORY }

  /**
   * Sizes and counts. {@code fanOutParallel} is the fan-out's {@code maxParallel} for Baton (the
   * engine caps tool calls in flight at {@code EngineOptions.DEFAULT_MAX_CONCURRENT_STEPS} anyway);
   * {@code dagScale} multiplies the DAG's sleeps; {@code commits} is how many commits each
   * bare-commit probe makes; {@code setupReps} how many times each executor is set up again after
   * its first setup; {@code memoryRuns} how many small executions the memory measure runs.
   */
  record Options(Set<Suite> suites, int reps, int warmups, double warmupSeconds, int chain,
      int fanOut, int fanOutParallel, double dagScale, int commits, int setupReps,
      int memoryRuns) {
    static final Options DEFAULTS = new Options(EnumSet.allOf(Suite.class), 7, 3, 2.0, 500,
        1000, 256, 1.0, 1000, 5, 10_000);

    Options {
      suites = suites.isEmpty() ? EnumSet.noneOf(Suite.class) : EnumSet.copyOf(suites);
      if (reps < 1 || warmups < 0 || !(warmupSeconds >= 0) || chain < 1 || fanOut < 2 || fanOutParallel < 1
          || !(dagScale > 0) || commits < 1 || setupReps < 0 || memoryRuns < 1) {
        throw new IllegalArgumentException("bad options: " + reps + " reps, " + warmups
            + " warm-ups, " + warmupSeconds + " s of warm-up, chain " + chain + ", fan-out " + fanOut + ", parallel "
            + fanOutParallel + ", DAG scale " + dagScale + ", commits " + commits
            + ", setup reps " + setupReps + ", memory runs " + memoryRuns);
      }
    }
  }

  static final String BATON_MEMORY = "Baton, in memory";
  static final String BATON_SQLITE = "Baton, SQLite (WAL, synchronous=NORMAL)";
  static final String LEVEL_BATCH = "Level-by-level batches (the seed's way)";
  static final String LG_MEMORY = "LangGraph4j 1.8.17, MemorySaver";
  static final String LG_FILE = "LangGraph4j 1.8.17, FileSystemSaver";
  static final String AGENTIC = "langchain4j-agentic 1.19.0-beta29";
  static final String ADK = "ADK Java 1.8.0, InMemoryRunner";

  private Bench() {}

  static Report run(Options o, PrintStream progress) throws Exception {
    Machine machine = Machine.describe();
    Workload dag = Workload.unbalancedDag(o.dagScale());
    List<Workload> workloads = new ArrayList<>();
    if (o.suites().contains(Suite.DAG)) {
      workloads.add(dag);
    }
    if (o.suites().contains(Suite.OVERHEAD)) {
      workloads.add(Workload.chain(o.chain()));
      workloads.add(Workload.fanOut(o.fanOut(), o.fanOutParallel()));
    }
    Path folder = Files.createTempDirectory("baton-bench-");
    try {
      List<Entrant> entrants = entrants(o, dag, folder);
      Map<String, Report.Setup> setups = new LinkedHashMap<>();
      Map<String, Map<String, List<Run>>> runs = new LinkedHashMap<>();
      List<Duration> commitProbes = new ArrayList<>();
      Map<String, Contender> contenders = new LinkedHashMap<>();
      try {
        progress.println("setting up every executor");
        for (Entrant e : entrants) {
          long start = System.nanoTime();
          contenders.put(e.label(), e.open(workloads));
          setups.put(e.label(), new Report.Setup(Duration.ofNanos(System.nanoTime() - start),
              new ArrayList<>()));
        }
        if (o.suites().contains(Suite.SETUP)) {
          setUpAgain(o, entrants, workloads, setups, progress);
        }
        if (!workloads.isEmpty()) {
          time(o, entrants, workloads, contenders, runs, commitProbes, progress);
        }
      } finally {
        contenders.values().forEach(Contender::close);
        contenders.clear();
      }
      Map<String, Report.Memory> memory = new LinkedHashMap<>();
      if (o.suites().contains(Suite.MEMORY)) {
        measureMemory(o, entrants, memory, progress);
      }
      return new Report(o, machine, entrants.stream()
          .filter(e -> e.kind() != Entrant.Kind.BASELINE || workloads.stream().anyMatch(e.takes()))
          .toList(), workloads, runs, commitProbes, setups, memory,
          Machine.loadAverage().orElse("unknown"));
    } finally {
      delete(folder);
    }
  }

  /** Baton in memory and on SQLite, the level-by-level baseline, and the peers if asked for. */
  private static List<Entrant> entrants(Options o, Workload dag, Path folder) {
    AtomicInteger databases = new AtomicInteger();
    List<Entrant> list = new ArrayList<>();
    list.add(new Entrant(BATON_MEMORY, Entrant.Kind.BATON, false, w -> true,
        ws -> new BatonRunner(new InMemoryExecutionStore(), ws)));
    // why: a new database file per setup, so that each setup migrates from nothing
    list.add(new Entrant(BATON_SQLITE, Entrant.Kind.BATON, true, w -> true,
        ws -> new BatonRunner(JdbcExecutionStore.sqlite(
            folder.resolve("baton-" + databases.incrementAndGet() + ".db")), ws)));
    list.add(new Entrant(LEVEL_BATCH, Entrant.Kind.BASELINE, false, w -> w == dag,
        ws -> new LevelBatchExecutor()));
    if (o.suites().contains(Suite.PEERS)) {
      list.add(new Entrant(LG_MEMORY, Entrant.Kind.PEER, false, w -> true,
          ws -> new LangGraphRunner(LangGraphRunner.Saver.MEMORY, ws)));
      list.add(new Entrant(LG_FILE, Entrant.Kind.PEER, true, w -> true,
          ws -> new LangGraphRunner(LangGraphRunner.Saver.FILE_SYSTEM, ws)));
      list.add(new Entrant(AGENTIC, Entrant.Kind.PEER, false, w -> true, AgenticRunner::new));
      list.add(new Entrant(ADK, Entrant.Kind.PEER, false, w -> true, AdkRunner::new));
    }
    return list;
  }

  private static void setUpAgain(Options o, List<Entrant> entrants, List<Workload> workloads,
      Map<String, Report.Setup> setups, PrintStream progress) throws Exception {
    progress.printf("setting up every executor %d more time(s)%n", o.setupReps());
    for (int i = 0; i < o.setupReps(); i++) {
      for (Entrant e : entrants) {
        if (e.kind() == Entrant.Kind.BASELINE) {
          continue;
        }
        long start = System.nanoTime();
        Contender c = e.open(workloads);
        setups.get(e.label()).again().add(Duration.ofNanos(System.nanoTime() - start));
        c.close();
      }
    }
  }

  private static void time(Options o, List<Entrant> entrants, List<Workload> workloads,
      Map<String, Contender> contenders, Map<String, Map<String, List<Run>>> runs,
      List<Duration> commitProbes, PrintStream progress) throws Exception {
    for (Workload w : workloads) {
      runs.put(w.name(), new LinkedHashMap<>());
    }
    warmUp(o, entrants, workloads, contenders, progress);
    BatonRunner sqlite = (BatonRunner) contenders.get(BATON_SQLITE);
    for (int rep = 1; rep <= o.reps(); rep++) {
      progress.printf("repetition %d of %d%n", rep, o.reps());
      for (Workload w : workloads) {
        for (Entrant e : entrants) {
          if (e.takes().test(w)) {
            Run r = check(e.label(), w, contenders.get(e.label()).run(w));
            runs.get(w.name()).computeIfAbsent(e.label(), k -> new ArrayList<>()).add(r);
          }
        }
      }
      commitProbes.add(CommitProbe.meanCommit((JdbcExecutionStore) sqlite.store(),
          o.commits()));
    }
  }

  /**
   * Runs every workload on every executor, interleaved, until each pair has run at least
   * {@code warmups} times and for at least {@code warmupSeconds}: on two cores the JIT needs
   * seconds, not runs, to compile a framework's step path, and a fixed number of runs would measure
   * how far each one's compilation had got instead of what a step costs.
   */
  private static void warmUp(Options o, List<Entrant> entrants, List<Workload> workloads,
      Map<String, Contender> contenders, PrintStream progress) throws Exception {
    progress.printf(java.util.Locale.ROOT, "warming up (each workload on each executor at least"
        + " %d time(s) and for at least %.1f s)%n", o.warmups(), o.warmupSeconds());
    long minNanos = (long) (o.warmupSeconds() * 1e9);
    Map<String, long[]> spent = new LinkedHashMap<>();
    boolean more = true;
    for (int round = 0; more; round++) {
      more = false;
      for (Workload w : workloads) {
        for (Entrant e : entrants) {
          if (!e.takes().test(w)) {
            continue;
          }
          long[] s = spent.computeIfAbsent(w.name() + "\u0000" + e.label(), k -> new long[1]);
          if (round >= o.warmups() && s[0] >= minNanos) {
            continue;
          }
          long start = System.nanoTime();
          check(e.label(), w, contenders.get(e.label()).run(w));
          s[0] += System.nanoTime() - start;
          more = true;
        }
      }
    }
  }

  /**
   * One executor at a time, after full collections: heap in use before its setup, after it, and
   * after {@code memoryRuns} diamonds have run one after another and their results were taken.
   */
  private static void measureMemory(Options o, List<Entrant> entrants,
      Map<String, Report.Memory> memory, PrintStream progress) throws Exception {
    Workload diamond = Workload.diamond();
    for (Entrant e : entrants) {
      if (e.kind() == Entrant.Kind.BASELINE) {
        continue;
      }
      progress.printf("memory: %d executions on %s%n", o.memoryRuns(), e.label());
      memory.put(e.label(), measureMemory(o, e, diamond));
    }
  }

  /**
   * One executor's memory, in a frame of its own: a contender left in a local of the loop above
   * stays reachable from an interpreted frame, and the next executor's "before" counted the last
   * one's executions (the in-memory store's, about 23 MiB).
   */
  private static Report.Memory measureMemory(Options o, Entrant e, Workload diamond)
      throws Exception {
    long before = HeapProbe.usedAfterGc();
    Contender c = e.open(List.of(diamond));
    try {
      long setUp = HeapProbe.usedAfterGc();
      long start = System.nanoTime();
      for (int i = 0; i < o.memoryRuns(); i++) {
        check(e.label(), diamond, c.run(diamond));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      long after = HeapProbe.usedAfterGc();
      return new Report.Memory(before, setUp, after, o.memoryRuns(), took);
    } finally {
      c.close();
    }
  }

  private static Run check(String executor, Workload w, Run r) {
    if (!r.ok()) {
      throw new IllegalStateException(executor + " finished " + r.succeeded() + " of "
          + r.steps() + " steps of " + w.name());
    }
    return r;
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
