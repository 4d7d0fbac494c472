package dev.baton.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DAG of tasks that every executor in the benchmark runs: each task waits for the tasks in
 * {@code after}, then sleeps for {@code work} (zero: returns at once). Tasks are listed so that a
 * task comes after everything it waits for. The critical path and the level-by-level bound are
 * computed from the sleeps, not measured. {@code maxParallel} is what Baton is told (its
 * {@code ExecutionOptions.maxParallel}); the peers have no such knob and run every branch at once.
 */
record Workload(String name, Shape shape, List<Task> tasks, int maxParallel) {

  /**
   * How the workload is laid out. The peers need to know: they express a chain as a sequence, a
   * fan-out as one parallel block, and a fork-join as a sequence around one parallel block of
   * branches.
   */
  enum Shape { CHAIN, FAN_OUT, FORK_JOIN }

  /** One tool call: its id, the ids it waits for, and how long it works. */
  record Task(String id, List<String> after, Duration work) {
    Task {
      Objects.requireNonNull(id, "id");
      after = List.copyOf(after);
      Objects.requireNonNull(work, "work");
    }
  }

  Workload {
    tasks = List.copyOf(tasks);
    if (maxParallel < 1) {
      throw new IllegalArgumentException("maxParallel must be at least 1, got " + maxParallel);
    }
    Map<String, Task> seen = new HashMap<>();
    for (Task t : tasks) {
      for (String d : t.after()) {
        if (!seen.containsKey(d)) {
          throw new IllegalArgumentException(t.id() + " waits for " + d + ", listed after it");
        }
      }
      if (seen.put(t.id(), t) != null) {
        throw new IllegalArgumentException("duplicate task " + t.id());
      }
    }
  }

  int size() {
    return tasks.size();
  }

  /** {@code n} no-op tasks, each waiting for the one before. */
  static Workload chain(int n) {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tasks.add(new Task("s" + i, i == 0 ? List.of() : List.of("s" + (i - 1)), Duration.ZERO));
    }
    return new Workload("chain of " + n, Shape.CHAIN, tasks, 1);
  }

  /** {@link #fanOut(int, int)} with Baton's fan-out allowed 256 steps at once. */
  static Workload fanOut(int n) {
    return fanOut(n, 256);
  }

  /** One no-op root and {@code n - 1} no-op children that each wait only for the root. */
  static Workload fanOut(int n, int maxParallel) {
    List<Task> tasks = new ArrayList<>();
    tasks.add(new Task("root", List.of(), Duration.ZERO));
    for (int i = 1; i < n; i++) {
      tasks.add(new Task("c" + i, List.of("root"), Duration.ZERO));
    }
    return new Workload("fan-out of " + n, Shape.FAN_OUT, tasks, maxParallel);
  }

  /**
   * The small execution of the memory measure: a no-op root, two no-op branches, a no-op sink
   * (four steps, one fork and one join).
   */
  static Workload diamond() {
    List<Task> tasks = List.of(
        new Task("root", List.of(), Duration.ZERO),
        new Task("left", List.of("root"), Duration.ZERO),
        new Task("right", List.of("root"), Duration.ZERO),
        new Task("sink", List.of("left", "right"), Duration.ZERO));
    return new Workload("diamond of 4", Shape.FORK_JOIN, tasks, 2);
  }

  /**
   * An unbalanced fork-join of sleeps: a root, four branches of uneven steps, and a sink that waits
   * for every branch. Critical path {@code 400 ms × scale} (root → a1 → a2 → sink); running level by
   * level takes {@code 520 ms × scale} (20 + 300 + 180 + 20), 1.30× the critical path, because the
   * long first step of branch a and the long second step of branch b land in different levels.
   *
   * <pre>
   *        ┌─ a1 300 ─ a2  60 ─┐
   *        ├─ b1  60 ─ b2 180 ─┤
   * root 20┼─ c1 150 ─ c2 150 ─┼ sink 20
   *        └─ d1 100 ──────────┘
   * </pre>
   */
  static Workload unbalancedDag(double scale) {
    List<Task> tasks = new ArrayList<>();
    tasks.add(sleep("root", scale, 20));
    tasks.add(sleep("a1", scale, 300, "root"));
    tasks.add(sleep("b1", scale, 60, "root"));
    tasks.add(sleep("c1", scale, 150, "root"));
    tasks.add(sleep("d1", scale, 100, "root"));
    tasks.add(sleep("a2", scale, 60, "a1"));
    tasks.add(sleep("b2", scale, 180, "b1"));
    tasks.add(sleep("c2", scale, 150, "c1"));
    tasks.add(sleep("sink", scale, 20, "a2", "b2", "c2", "d1"));
    // why: maxParallel 8 > the width (4), so no step waits for a slot
    return new Workload("unbalanced DAG (9 sleeps)", Shape.FORK_JOIN, tasks, 8);
  }

  private static Task sleep(String id, double scale, long millis, String... after) {
    return new Task(id, List.of(after), Duration.ofMillis(Math.round(millis * scale)));
  }

  /** A fork-join laid out for the peers: a root, branches that each start at the root, a sink. */
  record ForkJoin(Task root, List<List<Task>> branches, Task sink) {}

  /**
   * This workload as one fork and one join: the first task is the root, the last the sink, and
   * every other task lies on exactly one branch (a chain from the root to the sink). The peers can
   * express only such series-parallel graphs without running level by level.
   *
   * @throws IllegalArgumentException if the workload is not laid out that way
   */
  ForkJoin forkJoin() {
    Task root = tasks.getFirst();
    Task sink = tasks.getLast();
    Map<String, List<Task>> dependents = new HashMap<>();
    for (Task t : tasks) {
      for (String d : t.after()) {
        dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(t);
      }
    }
    if (!root.after().isEmpty() || tasks.size() < 3) {
      throw new IllegalArgumentException(name + " is not a fork-join: it needs a root, branches"
          + " and a sink");
    }
    List<List<Task>> branches = new ArrayList<>();
    for (Task first : dependents.getOrDefault(root.id(), List.of())) {
      List<Task> branch = new ArrayList<>();
      for (Task t = first; t != sink; t = onlyNext(dependents.get(t.id()), t)) {
        String before = branch.isEmpty() ? root.id() : branch.getLast().id();
        if (!t.after().equals(List.of(before))) {
          throw new IllegalArgumentException(t.id() + " in " + name + " is not on a single"
              + " branch: it cannot be one fork-join");
        }
        branch.add(t);
      }
      branches.add(List.copyOf(branch));
    }
    int covered = 2 + branches.stream().mapToInt(List::size).sum();
    if (covered != tasks.size() || sink.after().size() != branches.size()) {
      throw new IllegalArgumentException(name + " is not one fork-join: " + covered + " of "
          + tasks.size() + " tasks lie on branches from " + root.id() + " to " + sink.id());
    }
    return new ForkJoin(root, List.copyOf(branches), sink);
  }

  private static Task onlyNext(List<Task> next, Task of) {
    if (next == null || next.size() != 1) {
      throw new IllegalArgumentException(of.id() + " must lead to exactly one task");
    }
    return next.getFirst();
  }

  /** The heaviest path through the DAG by work: no executor can finish sooner. */
  Duration criticalPath() {
    Map<String, Duration> finish = new HashMap<>();
    Duration longest = Duration.ZERO;
    for (Task t : tasks) {
      Duration start = Duration.ZERO;
      for (String d : t.after()) {
        start = max(start, finish.get(d));
      }
      Duration end = start.plus(t.work());
      finish.put(t.id(), end);
      longest = max(longest, end);
    }
    return longest;
  }

  /** Each task's level: 0 with no dependencies, else one past its deepest dependency. */
  Map<String, Integer> levels() {
    Map<String, Integer> level = new LinkedHashMap<>();
    for (Task t : tasks) {
      int l = 0;
      for (String d : t.after()) {
        l = Math.max(l, level.get(d) + 1);
      }
      level.put(t.id(), l);
    }
    return level;
  }

  /** The tasks of each level, in order: what a level-by-level executor runs together. */
  List<List<Task>> byLevel() {
    Map<String, Integer> level = levels();
    List<List<Task>> out = new ArrayList<>();
    for (Task t : tasks) {
      int l = level.get(t.id());
      while (out.size() <= l) {
        out.add(new ArrayList<>());
      }
      out.get(l).add(t);
    }
    return out;
  }

  /** What running level by level takes at best: the sum over levels of the longest task. */
  Duration levelByLevelBound() {
    Duration total = Duration.ZERO;
    for (List<Task> level : byLevel()) {
      Duration longest = Duration.ZERO;
      for (Task t : level) {
        longest = max(longest, t.work());
      }
      total = total.plus(longest);
    }
    return total;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
