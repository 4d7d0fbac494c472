package dev.baton.core.planning;

import dev.baton.core.plan.Plan;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a planner knows beside the request: the time, the person's time zone, the language to
 * answer in ({@code he}, {@code en}, or null to detect), earlier good plans for similar requests,
 * and the tenant planned for (whose remembered answers a planner may use).
 */
public record PlanContext(Instant now, ZoneId zone, String language, List<Example> examples,
    String tenant) {
  /** The tenant when a caller names none. */
  public static final String DEFAULT_TENANT = "default";

  public PlanContext {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(zone, "zone");
    examples = examples == null ? List.of() : List.copyOf(examples);
    tenant = tenant == null ? DEFAULT_TENANT : tenant;
  }

  /** A context for the default tenant. */
  public PlanContext(Instant now, ZoneId zone, String language, List<Example> examples) {
    this(now, zone, language, examples, DEFAULT_TENANT);
  }

  /** A request and the plan that served it well. */
  public record Example(String request, Plan plan) {}
}
