package dev.baton.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every measured run of one benchmark invocation, with the medians and ratios the tables show, and
 * the tables themselves as Markdown.
 *
 * @param runs by workload name, then by executor label, in the order they ran
 * @param commitProbes one mean bare-commit time per repetition
 * @param loadAtEnd the one-minute load average when the last run ended
 */
record Report(Bench.Options options, Machine machine, List<Workload> workloads,
    Map<String, Map<String, List<Run>>> runs, List<Duration> commitProbes, String loadAtEnd) {

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
        .append("Everything ran in one JVM, one run at a time; ").append(options.warmups())
        .append(" unmeasured warm-up run(s) of each workload on each executor, then ")
        .append(options.reps()).append(" measured repetitions, interleaved. Medians, with")
        .append(" [min–max] where shown.\n\n");
    workload(Workload.Shape.FORK_JOIN).filter(this::ran).ifPresent(w -> dagTable(md, w));
    List<Workload> overhead = workloads.stream()
        .filter(w -> w.shape() != Workload.Shape.FORK_JOIN).filter(this::ran).toList();
    if (!overhead.isEmpty()) {
      overheadTable(md, overhead);
    }
    return md.toString();
  }

  private boolean ran(Workload w) {
    return !runs.getOrDefault(w.name(), Map.of()).isEmpty();
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
            + " from submit to the end of the execution.\n\n")
        .append("| Executor | Makespan (ms) | Over the critical path (ms) | ÷ critical path"
            + " | ÷ Baton in memory |\n")
        .append("|---|---:|---:|---:|---:|\n");
    Duration ours = median(w, Bench.BATON_MEMORY).orElse(null);
    for (String executor : runs.get(w.name()).keySet()) {
      Duration m = median(w, executor).orElseThrow();
      md.append("| ").append(executor).append(" | ").append(ms(m)).append(" [")
          .append(ms(min(w, executor))).append("–").append(ms(max(w, executor))).append("] | ")
          .append(ms(m.minus(cp))).append(" | ").append(fmt(ratio(m, cp), 3)).append("× | ")
          .append(ours == null ? "–" : fmt(ratio(m, ours), 2) + "×").append(" |\n");
    }
    md.append('\n');
  }

  private void overheadTable(StringBuilder md, List<Workload> list) {
    Duration commit = commitProbes.isEmpty() ? null : bareCommit();
    md.append("### Engine overhead per step (no-op tools)\n\n")
        .append("Per step = wall time of the execution ÷ steps. The chain waits for each step"
            + " before the next (maxParallel 1); the fan-out is one root and ")
        .append(list.stream().filter(w -> w.shape() == Workload.Shape.FAN_OUT).findFirst()
            .map(w -> (w.size() - 1) + " children that wait only for it (maxParallel "
                + options.fanOutParallel() + ")").orElse("its children"))
        .append(". One bare SQLite commit (a one-row insert on the same database file, WAL,"
            + " synchronous=NORMAL, `CommitProbe`): ")
        .append(commit == null ? "not measured" : us(commit) + " µs (median of "
            + commitProbes.size() + " probes of " + options.commits() + " commits)")
        .append(". The LangGraph4j rows compare with Baton at like durability: MemorySaver with"
            + " in memory, FileSystemSaver with SQLite.\n\n")
        .append("| Workload | Executor | Wall (ms) | Per step (µs) | Store appends per step"
            + " | Per step ÷ bare commit | Per step ÷ Baton at like durability |\n")
        .append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Workload w : list) {
      for (String executor : runs.get(w.name()).keySet()) {
        Duration m = median(w, executor).orElseThrow();
        Duration step = perStep(w, executor).orElseThrow();
        String peer = switch (executor) {
          case Bench.LG_MEMORY -> Bench.BATON_MEMORY;
          case Bench.LG_FILE -> Bench.BATON_SQLITE;
          default -> null;
        };
        String vsBaton = peer == null ? "–" : perStep(w, peer)
            .map(p -> fmt(ratio(step, p), 2) + "×").orElse("–");
        boolean durable = !executor.equals(Bench.BATON_MEMORY)
            && !executor.equals(Bench.LG_MEMORY);
        md.append("| ").append(w.name()).append(" | ").append(executor).append(" | ")
            .append(ms(m)).append(" [").append(ms(min(w, executor))).append("–")
            .append(ms(max(w, executor))).append("] | ").append(us(step)).append(" | ")
            .append(commitsPerStep(w, executor).map(c -> fmt(c, 2)).orElse("–")).append(" | ")
            .append(commit != null && durable ? fmt(ratio(step, commit), 1) + "×" : "–")
            .append(" | ").append(vsBaton).append(" |\n");
      }
    }
    md.append('\n');
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
