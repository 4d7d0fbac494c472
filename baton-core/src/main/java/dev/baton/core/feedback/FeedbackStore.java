package dev.baton.core.feedback;

import dev.baton.core.exec.ExecutionId;
import java.util.List;

/**
 * Where ratings of executions are kept, per tenant. A later rating of the same execution by the
 * same person replaces the earlier one. Implementations are thread-safe.
 */
public interface FeedbackStore {
  /** Records (or replaces) a rating. */
  void record(Feedback feedback);

  /** The ratings of one execution of {@code tenant}, oldest first; empty if none. */
  List<Feedback> of(String tenant, ExecutionId execution);

  /** The newest ratings of {@code tenant}, newest first, at most {@code limit}. */
  List<Feedback> recent(String tenant, int limit);
}
