package dev.baton.core.feedback;

import dev.baton.core.exec.ExecutionId;
import java.time.Instant;
import java.util.Objects;

/**
 * A person's rating of one execution (the seed's feedback loop): good or bad, with an optional
 * comment. Rated plans become examples for planners; bad ones are never offered as examples.
 */
public record Feedback(String tenant, ExecutionId execution, Rating rating, String comment,
    String by, Instant at) {
  public Feedback {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(at, "at");
  }

  /** Whether the execution served the person well. */
  public enum Rating {
    GOOD,
    BAD
  }
}
