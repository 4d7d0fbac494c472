package dev.baton.core.engine;

import dev.baton.core.planning.Planner;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Whether and how an engine asks a planner for a new plan when a required step fails for good: at
 * most {@code maxReplans} new versions per execution, planned in {@code zone}.
 */
public record Replanning(Planner planner, int maxReplans, ZoneId zone) {
  public static final int DEFAULT_MAX_REPLANS = 2;

  public Replanning {
    Objects.requireNonNull(planner, "planner");
    Objects.requireNonNull(zone, "zone");
    if (maxReplans < 1) {
      throw new IllegalArgumentException("maxReplans must be at least 1");
    }
  }
}
