package dev.baton.core.plan;

import java.util.List;
import java.util.Optional;

/** A list of steps; the order is the author's and breaks ties when scheduling. */
public record Plan(List<Step> steps) {
  public Plan {
    steps = List.copyOf(steps);
  }

  public Optional<Step> step(StepId id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public Plan without(java.util.Set<StepId> removed) {
    return new Plan(steps.stream().filter(s -> !removed.contains(s.id())).toList());
  }
}
