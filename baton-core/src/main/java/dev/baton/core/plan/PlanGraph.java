package dev.baton.core.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The dependency graph of a plan: a step depends on every step its arguments reference and every
 * step it names in {@code after}. References to unknown steps are ignored here (validation reports
 * them). Immutable.
 */
public final class PlanGraph {
  private final Plan plan;
  private final Map<StepId, Step> byId;
  private final Map<StepId, Integer> order;
  private final Map<StepId, Set<StepId>> dependencies;
  private final Map<StepId, Set<StepId>> dependents;

  private PlanGraph(Plan plan) {
    this.plan = plan;
    Map<StepId, Step> index = new HashMap<>();
    Map<StepId, Integer> positions = new HashMap<>();
    for (int i = 0; i < plan.steps().size(); i++) {
      Step s = plan.steps().get(i);
      index.putIfAbsent(s.id(), s);
      positions.putIfAbsent(s.id(), i);
    }
    this.byId = Collections.unmodifiableMap(index);
    this.order = Collections.unmodifiableMap(positions);
    Map<StepId, Set<StepId>> deps = new LinkedHashMap<>();
    Map<StepId, Set<StepId>> rev = new LinkedHashMap<>();
    Set<StepId> known = new LinkedHashSet<>();
    plan.steps().forEach(s -> known.add(s.id()));
    for (Step s : plan.steps()) {
      rev.putIfAbsent(s.id(), new LinkedHashSet<>());
    }
    for (Step s : plan.steps()) {
      Set<StepId> d = new LinkedHashSet<>();
      for (References.Found f : References.in(s.argsView())) {
        try {
          StepId target = StepRef.parse(f.raw()).step();
          if (known.contains(target)) {
            d.add(target);
          }
        } catch (IllegalArgumentException ignored) {
          // why: malformed references are reported by PlanValidator, not here
        }
      }
      s.after().stream().filter(known::contains).forEach(d::add);
      deps.merge(s.id(), d, (a, b) -> {
        a.addAll(b);
        return a;
      });
      for (StepId x : d) {
        rev.computeIfAbsent(x, k -> new LinkedHashSet<>()).add(s.id());
      }
    }
    deps.replaceAll((k, v) -> Collections.unmodifiableSet(v));
    rev.replaceAll((k, v) -> Collections.unmodifiableSet(v));
    this.dependencies = Collections.unmodifiableMap(deps);
    this.dependents = Collections.unmodifiableMap(rev);
  }

  /** The last graph made on this thread, so checking a plan and then folding it build it once. */
  private static final ThreadLocal<PlanGraph> LAST = new ThreadLocal<>();

  public static PlanGraph of(Plan plan) {
    PlanGraph last = LAST.get();
    if (last != null && last.plan == plan) {
      return last;
    }
    PlanGraph g = new PlanGraph(plan);
    LAST.set(g);
    return g;
  }

  public Plan plan() {
    return plan;
  }

  /** The step with this id (the first, if a plan that failed validation repeats it), or null. */
  public Step step(StepId id) {
    return byId.get(id);
  }

  /** The step's position in the plan, for stable tie-breaking. */
  public int position(StepId id) {
    return order.getOrDefault(id, Integer.MAX_VALUE);
  }

  public Set<StepId> dependencies(StepId step) {
    return dependencies.getOrDefault(step, Set.of());
  }

  public Set<StepId> dependents(StepId step) {
    return dependents.getOrDefault(step, Set.of());
  }

  /** Every step that depends on {@code step}, directly or through others. */
  public Set<StepId> downstream(StepId step) {
    Set<StepId> seen = new LinkedHashSet<>();
    List<StepId> todo = new ArrayList<>(dependents(step));
    while (!todo.isEmpty()) {
      StepId next = todo.removeLast();
      if (seen.add(next)) {
        todo.addAll(dependents(next));
      }
    }
    return seen;
  }

  /** Each cycle once, as the steps along it with the first repeated at the end. */
  public List<List<StepId>> cycles() {
    List<List<StepId>> found = new ArrayList<>();
    Map<StepId, Integer> color = new HashMap<>();
    Set<Set<StepId>> reported = new java.util.HashSet<>();
    for (Step s : plan.steps()) {
      dfs(s.id(), color, new ArrayList<>(), found, reported);
    }
    return found;
  }

  private void dfs(StepId at, Map<StepId, Integer> color, List<StepId> path,
      List<List<StepId>> found, Set<Set<StepId>> reported) {
    int c = color.getOrDefault(at, 0);
    if (c == 2) {
      return;
    }
    if (c == 1) {
      List<StepId> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
      if (reported.add(new java.util.HashSet<>(cycle))) {
        // why: we walk dependency edges, so reverse to read in execution order
        Collections.reverse(cycle);
        cycle.add(cycle.getFirst());
        found.add(List.copyOf(cycle));
      }
      return;
    }
    color.put(at, 1);
    path.add(at);
    for (StepId d : dependencies(at)) {
      dfs(d, color, path, found, reported);
    }
    path.removeLast();
    color.put(at, 2);
  }

  /**
   * For each step, the weight of the heaviest path from it to the end of the plan, itself included.
   * Only defined on acyclic graphs.
   */
  public Map<StepId, Long> remainingPath(ToLongFunction<Step> weight) {
    Map<StepId, Long> memo = new HashMap<>();
    for (Step s : plan.steps()) {
      remaining(s.id(), weight, memo);
    }
    return Collections.unmodifiableMap(memo);
  }

  private long remaining(StepId id, ToLongFunction<Step> weight, Map<StepId, Long> memo) {
    Long known = memo.get(id);
    if (known != null) {
      return known;
    }
    long best = 0;
    for (StepId d : dependents(id)) {
      best = Math.max(best, remaining(d, weight, memo));
    }
    long value = best + weight.applyAsLong(byId.get(id));
    memo.put(id, value);
    return value;
  }
}
