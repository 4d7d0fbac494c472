package dev.baton.bench;

import dev.baton.core.memory.InMemoryExecutionStore;
import dev.baton.core.plan.Plan;
import dev.baton.core.tool.ToolCatalog;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the benchmark suites and gathers every run into a {@link Report}. All executors run in this
 * one JVM, one run at a time, interleaved per repetition so that drift on the machine touches each
 * alike; every executor first runs every workload {@code warmups} times unmeasured.
 */
final class Bench {

  /** What to measure: (a) makespan on the DAG, (b) per-step overhead, (c) LangGraph4j beside us. */
  enum Suite { DAG, OVERHEAD, LANGGRAPH }

  /**
   * Sizes and counts. {@code fanOutParallel} is the fan-out's {@code maxParallel} (the engine caps
   * tool calls in flight at {@code EngineOptions.DEFAULT_MAX_CONCURRENT_STEPS} anyway);
   * {@code dagScale} multiplies the DAG's sleeps; {@code commits} is how many commits each
   * bare-commit probe makes.
   */
  record Options(Set<Suite> suites, int reps, int warmups, int chain, int fanOut,
      int fanOutParallel, double dagScale, int commits) {
    static final Options DEFAULTS = new Options(EnumSet.allOf(Suite.class), 7, 3, 500, 1000,
        256, 1.0, 1000);

    Options {
      suites = suites.isEmpty() ? EnumSet.noneOf(Suite.class) : EnumSet.copyOf(suites);
      if (reps < 1 || warmups < 0 || chain < 1 || fanOut < 2 || fanOutParallel < 1
          || !(dagScale > 0) || commits < 1) {
        throw new IllegalArgumentException("bad options: " + reps + " reps, " + warmups
            + " warm-ups, chain " + chain + ", fan-out " + fanOut + ", parallel "
            + fanOutParallel + ", DAG scale " + dagScale + ", commits " + commits);
      }
    }
  }

  /** Something that runs a workload once; {@code applies} says whether it takes part. */
  private interface Executor {
    String label();

    boolean applies(Workload w);

    Run run(Workload w) throws Exception;
  }

  static final String BATON_MEMORY = "Baton, in memory";
  static final String BATON_SQLITE = "Baton, SQLite (WAL, synchronous=NORMAL)";
  static final String LEVEL_BATCH = "Level-by-level batches (the seed's way)";
  static final String LG_MEMORY = "LangGraph4j 1.8.17, MemorySaver";
  static final String LG_FILE = "LangGraph4j 1.8.17, FileSystemSaver";

  private Bench() {}

  static Report run(Options o, PrintStream progress) throws Exception {
    Workload dag = Workload.unbalancedDag(o.dagScale());
    Workload chain = Workload.chain(o.chain());
    Workload fanOut = Workload.fanOut(o.fanOut());
    List<Workload> workloads = new ArrayList<>();
    if (o.suites().contains(Suite.DAG)) {
      workloads.add(dag);
    }
    if (o.suites().contains(Suite.OVERHEAD) || o.suites().contains(Suite.LANGGRAPH)) {
      workloads.add(chain);
      workloads.add(fanOut);
    }
    if (o.suites().contains(Suite.LANGGRAPH) && !workloads.contains(dag)) {
      workloads.add(0, dag);
    }
    ToolCatalog catalog = BenchTools.catalog(List.of(dag, chain, fanOut));
    Map<Workload, Plan> plans = new HashMap<>();
    workloads.forEach(w -> plans.put(w, BatonRunner.plan(w)));
    Map<Workload, Integer> parallel = Map.of(dag, 8, chain, 1, fanOut, o.fanOutParallel());

    Machine machine = Machine.describe();
    Path folder = Files.createTempDirectory("baton-bench-");
    List<Duration> commitProbes = new ArrayList<>();
    Map<String, Map<String, List<Run>>> runs = new LinkedHashMap<>();
    try (BatonRunner memory = new BatonRunner(new InMemoryExecutionStore(), catalog);
        // the SQLite store: the real JdbcExecutionStore, one file for the whole run
        BatonRunner sqlite = new BatonRunner(
            JdbcExecutionStore.sqlite(folder.resolve("baton.db")), catalog);
        LangGraphRunner langGraph = new LangGraphRunner()) {
      List<Executor> executors = new ArrayList<>();
      executors.add(baton(BATON_MEMORY, memory, plans, parallel));
      executors.add(baton(BATON_SQLITE, sqlite, plans, parallel));
      executors.add(new Executor() {
        @Override
        public String label() {
          return LEVEL_BATCH;
        }

        @Override
        public boolean applies(Workload w) {
          return w == dag;
        }

        @Override
        public Run run(Workload w) throws InterruptedException {
          return LevelBatchExecutor.run(w);
        }
      });
      if (o.suites().contains(Suite.LANGGRAPH)) {
        executors.add(langGraph(LG_MEMORY, langGraph, LangGraphRunner.Saver.MEMORY, workloads));
        executors.add(langGraph(LG_FILE, langGraph, LangGraphRunner.Saver.FILE_SYSTEM,
            workloads));
      }
      for (Workload w : workloads) {
        runs.put(w.name(), new LinkedHashMap<>());
      }
      progress.printf("warming up (%d run(s) of each workload on each executor)%n", o.warmups());
      for (int i = 0; i < o.warmups(); i++) {
        for (Workload w : workloads) {
          for (Executor e : executors) {
            if (e.applies(w)) {
              check(e, w, e.run(w));
            }
          }
        }
      }
      for (int rep = 1; rep <= o.reps(); rep++) {
        progress.printf("repetition %d of %d%n", rep, o.reps());
        for (Workload w : workloads) {
          for (Executor e : executors) {
            if (e.applies(w)) {
              Run r = check(e, w, e.run(w));
              runs.get(w.name()).computeIfAbsent(e.label(), k -> new ArrayList<>()).add(r);
            }
          }
        }
        commitProbes.add(CommitProbe.meanCommit((JdbcExecutionStore) sqlite.store(),
            o.commits()));
      }
    } finally {
      delete(folder);
    }
    return new Report(o, machine, workloads, runs, commitProbes,
        Machine.loadAverage().orElse("unknown"));
  }

  private static Executor baton(String label, BatonRunner runner, Map<Workload, Plan> plans,
      Map<Workload, Integer> parallel) {
    return new Executor() {
      @Override
      public String label() {
        return label;
      }

      @Override
      public boolean applies(Workload w) {
        return plans.containsKey(w);
      }

      @Override
      public Run run(Workload w) throws InterruptedException {
        return runner.run(plans.get(w), parallel.get(w));
      }
    };
  }

  private static Executor langGraph(String label, LangGraphRunner runner,
      LangGraphRunner.Saver saver, List<Workload> workloads) throws Exception {
    Map<Workload, LangGraphRunner.Compiled> compiled = new HashMap<>();
    for (Workload w : workloads) {
      compiled.put(w, runner.compile(w, saver));
    }
    return new Executor() {
      @Override
      public String label() {
        return label;
      }

      @Override
      public boolean applies(Workload w) {
        return compiled.containsKey(w);
      }

      @Override
      public Run run(Workload w) {
        return runner.run(compiled.get(w));
      }
    };
  }

  private static Run check(Executor e, Workload w, Run r) {
    if (!r.ok()) {
      throw new IllegalStateException(e.label() + " finished " + r.succeeded() + " of "
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
