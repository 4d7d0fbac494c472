package dev.baton.core.planning;

import dev.baton.core.plan.Plan;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a planner knows beside the request: the time, the person's time zone, the language to
 * answer in ({@code he}, {@code en}, or null to detect), and earlier good plans for similar requests.
 */
public record PlanContext(Instant now, ZoneId zone, String language, List<Example> examples) {
  public PlanContext {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(zone, "zone");
    examples = examples == null ? List.of() : List.copyOf(examples);
  }

  /** A request and the plan that served it well. */
  public record Example(String request, Plan plan) {}
}
