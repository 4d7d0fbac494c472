package dev.baton.bench;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the benchmarks and prints their tables as Markdown on standard output (progress goes to
 * standard error).
 *
 * <pre>
 * java -jar baton-bench/target/baton-bench.jar [--suites=dag,overhead,peers,setup,memory]
 *     [--reps=7] [--warmup=3] [--warmup-seconds=2] [--chain=500] [--fanout=1000] [--parallel=256] [--dag-scale=1.0]
 *     [--commits=1000] [--setup-reps=5] [--memory-runs=10000]
 * </pre>
 *
 * <p>{@code dag}: makespan ÷ critical path on an unbalanced DAG, beside a level-by-level executor;
 * {@code overhead}: wall time per step of a no-op chain and fan-out, in memory and on SQLite, beside
 * one bare SQLite commit; {@code peers}: LangGraph4j, langchain4j-agentic and ADK Java on the same
 * workloads ({@code langgraph} is accepted for it); {@code setup}: time from nothing to ready to
 * run; {@code memory}: heap left after many small executions.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Bench.Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: BenchMain [--suites=dag,overhead,peers,setup,memory] [--reps=N]"
          + " [--warmup=N] [--warmup-seconds=X] [--chain=N] [--fanout=N] [--parallel=N] [--dag-scale=X]"
          + " [--commits=N] [--setup-reps=N] [--memory-runs=N]");
      System.exit(2);
      return;
    }
    long start = System.nanoTime();
    Report report = Bench.run(o, System.err);
    System.out.print(report.markdown());
    System.err.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    // why: the peers and their pools may leave non-daemon threads behind
    System.exit(0);
  }

  static Bench.Options parse(String[] args) {
    Bench.Options d = Bench.Options.DEFAULTS;
    Set<Bench.Suite> suites = d.suites();
    int reps = d.reps();
    int warmups = d.warmups();
    double warmupSeconds = d.warmupSeconds();
    int chain = d.chain();
    int fanOut = d.fanOut();
    int parallel = d.fanOutParallel();
    double scale = d.dagScale();
    int commits = d.commits();
    int setupReps = d.setupReps();
    int memoryRuns = d.memoryRuns();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      try {
        switch (name) {
          case "suites" -> {
            suites = EnumSet.noneOf(Bench.Suite.class);
            for (String s : value.split(",")) {
              suites.add(suite(s.trim()));
            }
          }
          case "reps" -> reps = Integer.parseInt(value);
          case "warmup" -> warmups = Integer.parseInt(value);
          case "warmup-seconds" -> warmupSeconds = Double.parseDouble(value);
          case "chain" -> chain = Integer.parseInt(value);
          case "fanout" -> fanOut = Integer.parseInt(value);
          case "parallel" -> parallel = Integer.parseInt(value);
          case "dag-scale" -> scale = Double.parseDouble(value);
          case "commits" -> commits = Integer.parseInt(value);
          case "setup-reps" -> setupReps = Integer.parseInt(value);
          case "memory-runs" -> memoryRuns = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option --" + name);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " needs a number, got '" + value + "'");
      }
    }
    return new Bench.Options(suites, reps, warmups, warmupSeconds, chain, fanOut, parallel,
        scale, commits, setupReps, memoryRuns);
  }

  private static Bench.Suite suite(String name) {
    // why: the peers suite was called langgraph while LangGraph4j was the only peer
    if (name.equalsIgnoreCase("langgraph")) {
      return Bench.Suite.PEERS;
    }
    try {
      return Bench.Suite.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown suite '" + name + "'; the suites are"
          + " dag, overhead, peers, setup, memory");
    }
  }
}
