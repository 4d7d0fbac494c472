package dev.baton.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every measure of one benchmark invocation, with the medians and ratios the tables show, and the
 * tables themselves as Markdown.
 *
 * @param entrants the executors that took part, in the order they ran
 * @param runs by workload name, then by executor label, in the order they ran
 * @param commitProbes one mean bare-commit time per repetition
 * @param setups by executor label
 * @param memory by executor label (empty when the memory suite did not run)
 * @param loadAtEnd the one-minute load average when the last measure ended
 */
record Report(Bench.Options options, Machine machine, List<Entrant> entrants,
    List<Workload> workloads, Map<String, Map<String, List<Run>>> runs,
    List<Duration> commitProbes, Map<String, Setup> setups, Map<String, Memory> memory,
    String loadAtEnd) {

  /** Time from nothing to ready to run: the first setup in this JVM, then each setup again. */
  record Setup(Duration first, List<Duration> again) {}

  /**
   * Heap in use after full collections (bytes): before the executor was set up, after its setup,
   * and after {@code runs} executions; {@code took} is the wall time of those executions.
   */
  record Memory(long before, long afterSetup, long afterRuns, int runs, Duration took) {
    long setUpBytes() {
      return afterSetup - before;
    }

    long totalBytes() {
      return afterRuns - before;
    }

    double bytesPerExecution() {
      return (double) (afterRuns - afterSetup) / runs;
    }
  }

  Optional<Workload> workload(Workload.Shape shape) {
    return workloads.stream().filter(w -> w.shape() == shape).findFirst();
  }

  /** The median wall time of an executor on a workload, if it ran it. */
  Optional<Duration> median(Workload w, String executor) {
    List<Run> list = runs.getOrDefault(w.name(), Map.of()).get(executor);
    return list == null || list.isEmpty() ? Optional.empty()
        : Optional.of(median(list.stream().map(Run::wall).toList()));
  }

  /** Median wall time divided by the workload's critical path. */
  Optional<Double> makespanRatio(Workload w, String executor) {
    return median(w, executor).map(m -> ratio(m, w.criticalPath()));
  }

  /** Median wall time divided by the number of steps. */
  Optional<Duration> perStep(Workload w, String executor) {
    return median(w, executor).map(m -> m.dividedBy(w.size()));
  }

  /** The peer framework with the lowest median wall time on the workload, if any peer ran it. */
  Optional<String> bestPeer(Workload w) {
    return entrants.stream().filter(e -> e.kind() == Entrant.Kind.PEER).map(Entrant::label)
        .filter(label -> median(w, label).isPresent())
        .min(Comparator.comparing(label -> median(w, label).orElseThrow()));
  }

  /** An executor's median wall time on the workload divided by the best peer's. */
  Optional<Double> toBestPeer(Workload w, String executor) {
    return bestPeer(w).flatMap(best -> median(w, best))
        .flatMap(b -> median(w, executor).map(m -> ratio(m, b)));
  }

  /** Store appends per step, from the median run's count (Baton only). */
  Optional<Double> commitsPerStep(Workload w, String executor) {
    List<Run> list = runs.getOrDefault(w.name(), Map.of()).get(executor);
    if (list == null || list.isEmpty() || list.getFirst().commits() == 0) {
      return Optional.empty();
    }
    List<Long> commits = new ArrayList<>(list.stream().map(Run::commits).toList());
    commits.sort(null);
    return Optional.of((double) commits.get(commits.size() / 2) / w.size());
  }

  /** The median of the bare-commit probes. */
  Duration bareCommit() {
    return median(commitProbes);
  }

  static Duration median(List<Duration> values) {
    List<Duration> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2)
        : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
  }

  static double ratio(Duration a, Duration b) {
    return (double) a.toNanos() / b.toNanos();
  }

  private Duration min(Workload w, String executor) {
    return runs.get(w.name()).get(executor).stream().map(Run::wall).min(Duration::compareTo)
        .orElseThrow();
  }

  private Duration max(Workload w, String executor) {
    return runs.get(w.name()).get(executor).stream().map(Run::wall).max(Duration::compareTo)
        .orElseThrow();
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("Machine: ").append(machine.cores()).append(" cores (").append(machine.cpu())
        .append("), ").append(machine.jdk()).append(", ").append(machine.os())
        .append(", max heap ").append(machine.maxHeapMib()).append(" MiB; one-minute load"
            + " average ").append(machine.load()).append(" at the start, ").append(loadAtEnd)
        .append(" at the end (other work on the machine shows up in the timings). ")
        .append("Everything ran in one JVM, one run at a time; unmeasured warm-up runs of each"
            + " workload on each executor, interleaved (at least ").append(options.warmups())
        .append(" and at least ").append(String.format(java.util.Locale.ROOT, "%.1f",
            options.warmupSeconds())).append(" s of each), then ")
        .append(options.reps()).append(" measured repetitions, interleaved. Medians, with")
        .append(" [min–max] where shown. Peers: ")
        .append(String.join("; ", entrants.stream()
            .filter(e -> e.kind() == Entrant.Kind.PEER).map(Entrant::label).toList()))
        .append(entrants.stream().anyMatch(e -> e.kind() == Entrant.Kind.PEER) ? "" : "none")
        .append(".\n\n");
    if (options.suites().contains(Bench.Suite.SETUP) && !setups.isEmpty()) {
      setupTable(md);
    }
    workload(Workload.Shape.FORK_JOIN).filter(this::ran).ifPresent(w -> dagTable(md, w));
    List<Workload> overhead = workloads.stream()
        .filter(w -> w.shape() != Workload.Shape.FORK_JOIN).filter(this::ran).toList();
    if (!overhead.isEmpty()) {
      overheadTable(md, overhead);
    }
    if (!memory.isEmpty()) {
      memoryTable(md);
    }
    return md.toString();
  }

  private boolean ran(Workload w) {
    return !runs.getOrDefault(w.name(), Map.of()).isEmpty();
  }

  private void setupTable(StringBuilder md) {
    md.append("### Setup time\n\n")
        .append("From nothing to ready to run this run's workloads (")
        .append(String.join(", ", workloads.stream().map(Workload::name).toList()))
        .append("). Baton: open the store (SQLite: a new database file, migrated), build the"
            + " catalogue of `TypedTool`s and the engine, parse the plans with `PlanCodec`."
            + " A peer: build its graphs or agents (and, for ADK, a runner per agent). The"
            + " first setup is the first in this JVM, so it includes loading that framework's"
            + " classes; then ").append(options.setupReps())
        .append(" more, interleaved.\n\n")
        .append("| Executor | First setup (ms) | Again: median [min–max] (ms) |\n")
        .append("|---|---:|---:|\n");
    for (Map.Entry<String, Setup> e : setups.entrySet()) {
      if (!reported(e.getKey())) {
        continue;
      }
      List<Duration> again = e.getValue().again();
      md.append("| ").append(e.getKey()).append(" | ").append(ms(e.getValue().first()))
          .append(" | ").append(again.isEmpty() ? "–" : ms(median(again)) + " ["
              + ms(again.stream().min(Duration::compareTo).orElseThrow()) + "–"
              + ms(again.stream().max(Duration::compareTo).orElseThrow()) + "]")
          .append(" |\n");
    }
    md.append('\n');
  }

  private boolean reported(String executor) {
    return entrants.stream().anyMatch(e -> e.label().equals(executor)
        && e.kind() != Entrant.Kind.BASELINE);
  }

  private void dagTable(StringBuilder md, Workload w) {
    Duration cp = w.criticalPath();
    Duration levels = w.levelByLevelBound();
    md.append("### Makespan on an unbalanced DAG\n\n")
        .append("```\n")
        .append("       ┌─ a1 300 ─ a2  60 ─┐\n")
        .append("       ├─ b1  60 ─ b2 180 ─┤\n")
        .append("root 20┼─ c1 150 ─ c2 150 ─┼ sink 20      (ms × ")
        .append(fmt(options.dagScale(), 2)).append(")\n")
        .append("       └─ d1 100 ──────────┘\n")
        .append("```\n\n")
        .append("Each box is a sleep step. Critical path ").append(ms(cp))
        .append(" ms (root → a1 → a2 → sink), computed from the sleeps; running level by level"
            + " can at best take ").append(ms(levels)).append(" ms (")
        .append(fmt(ratio(levels, cp), 2)).append("× the critical path). Makespan is wall time"
            + " from submit to the end of the execution, its result taken.")
        .append(bestPeer(w).map(b -> " Best peer: " + b + ".").orElse("")).append("\n\n")
        .append("| Executor | Makespan (ms) | Over the critical path (ms) | ÷ critical path"
            + " | ÷ best peer |\n")
        .append("|---|---:|---:|---:|---:|\n");
    for (String executor : runs.get(w.name()).keySet()) {
      Duration m = median(w, executor).orElseThrow();
      md.append("| ").append(executor).append(" | ").append(ms(m)).append(" [")
          .append(ms(min(w, executor))).append("–").append(ms(max(w, executor))).append("] | ")
          .append(ms(m.minus(cp))).append(" | ").append(fmt(ratio(m, cp), 3)).append("× | ")
          .append(toBestPeer(w, executor).map(r -> fmt(r, 2) + "×").orElse("–"))
          .append(" |\n");
    }
    md.append('\n');
  }

  private void overheadTable(StringBuilder md, List<Workload> list) {
    Duration commit = commitProbes.isEmpty() ? null : bareCommit();
    md.append("### Per-step cost (no-op tools)\n\n")
        .append("Per step = wall time of the execution ÷ steps. The chain waits for each step"
            + " before the next (Baton: maxParallel 1; the peers: a sequential workflow); the"
            + " fan-out is one root and ")
        .append(list.stream().filter(w -> w.shape() == Workload.Shape.FAN_OUT).findFirst()
            .map(w -> (w.size() - 1) + " children that wait only for it (Baton: maxParallel "
                + w.maxParallel() + "; the peers: one parallel block, a virtual thread per"
                + " child)").orElse("its children"))
        .append(". One bare SQLite commit (a one-row insert on the same database file, WAL,"
            + " synchronous=NORMAL, `CommitProbe`): ")
        .append(commit == null ? "not measured" : us(commit) + " µs (median of "
            + commitProbes.size() + " probes of " + options.commits() + " commits)")
        .append(". ÷ best peer divides by the per-step cost of the fastest peer on the same"
            + " workload, whatever its durability.\n\n");
    for (Workload w : list) {
      md.append("- ").append(w.name()).append(": best peer ")
          .append(bestPeer(w).map(b -> b + ", " + us(perStep(w, b).orElseThrow())
              + " µs a step").orElse("– (no peer ran)")).append('\n');
    }
    md.append('\n')
        .append("| Workload | Executor | Wall (ms) | Per step (µs) | Store appends per step"
            + " | Per step ÷ bare commit | Per step ÷ best peer |\n")
        .append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Workload w : list) {
      for (String executor : runs.get(w.name()).keySet()) {
        Duration m = median(w, executor).orElseThrow();
        Duration step = perStep(w, executor).orElseThrow();
        boolean durable = entrants.stream()
            .anyMatch(e -> e.label().equals(executor) && e.durable());
        md.append("| ").append(w.name()).append(" | ").append(executor).append(" | ")
            .append(ms(m)).append(" [").append(ms(min(w, executor))).append("–")
            .append(ms(max(w, executor))).append("] | ").append(us(step)).append(" | ")
            .append(commitsPerStep(w, executor).map(c -> fmt(c, 2)).orElse("–")).append(" | ")
            .append(commit != null && durable ? fmt(ratio(step, commit), 1) + "×" : "–")
            .append(" | ").append(toBestPeer(w, executor).map(r -> fmt(r, 2) + "×").orElse("–"))
            .append(" |\n");
      }
    }
    md.append('\n');
  }

  private void memoryTable(StringBuilder md) {
    int n = memory.values().iterator().next().runs();
    md.append("### Memory after ").append(String.format(Locale.ROOT, "%,d", n))
        .append(" executions\n\n")
        .append("Each executor on its own, set up afresh for one small workload, the diamond"
            + " (root → left, right → sink: four no-op steps), which then runs ")
        .append(String.format(Locale.ROOT, "%,d", n))
        .append(" times, one execution after another, each waited for and its result taken"
            + " (Baton: the final state from `awaitEnd`; LangGraph4j: `invoke`'s final state;"
            + " langchain4j-agentic: `invoke`'s result; ADK: the last event of `runAsync`) and"
            + " dropped. Heap in use is read after full collections (`System.gc()` until it"
            + " stops falling, `HeapProbe`) before the setup, after it, and after the"
            + " executions. Whatever a framework keeps by default stays: Baton's in-memory"
            + " store keeps every execution, LangGraph4j's MemorySaver every checkpoint, ADK's"
            + " in-memory session service every session; langchain4j-agentic keeps no scope"
            + " without a memory id; Baton's SQLite store and LangGraph4j's FileSystemSaver keep"
            + " theirs on disk. Native memory (SQLite's page cache) is not counted.\n\n")
        .append("| Executor | Setup (KiB) | After the executions (MiB) | Per execution (KiB)"
            + " | The executions took (s) |\n")
        .append("|---|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Memory> e : memory.entrySet()) {
      Memory m = e.getValue();
      md.append("| ").append(e.getKey()).append(" | ").append(fmt(m.setUpBytes() / 1024.0, 0))
          .append(" | ")
          .append(mib(m.totalBytes())).append(" | ")
          .append(fmt(m.bytesPerExecution() / 1024, 2)).append(" | ")
          .append(fmt(m.took().toNanos() / 1e9, 1)).append(" |\n");
    }
    md.append('\n');
  }

  private static String mib(long bytes) {
    return fmt(bytes / (1024.0 * 1024.0), 1);
  }

  private static String ms(Duration d) {
    return fmt(d.toNanos() / 1e6, 1);
  }

  private static String us(Duration d) {
    return fmt(d.toNanos() / 1e3, 1);
  }

  private static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
