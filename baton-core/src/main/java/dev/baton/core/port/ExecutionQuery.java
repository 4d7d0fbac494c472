package dev.baton.core.port;

import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionStatus;
import java.time.Instant;
import java.util.Set;

/**
 * Which executions to list: of one tenant (null: all), in some statuses (empty: any), whose request
 * contains {@code text} (null: any; case-insensitive), created strictly before the cursor
 * ({@code beforeCreated}, {@code beforeId}: the last item of the previous page; null: from the
 * newest), at most {@code limit}.
 */
public record ExecutionQuery(String tenant, Set<ExecutionStatus> statuses, String text,
    Instant beforeCreated, ExecutionId beforeId, int limit) {
  public static final int DEFAULT_LIMIT = 20;

  public ExecutionQuery {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    if ((beforeCreated == null) != (beforeId == null)) {
      throw new IllegalArgumentException("a cursor has both a time and an id");
    }
  }

  public static ExecutionQuery all(String tenant) {
    return new ExecutionQuery(tenant, Set.of(), null, null, null, DEFAULT_LIMIT);
  }

  public ExecutionQuery limit(int value) {
    return new ExecutionQuery(tenant, statuses, text, beforeCreated, beforeId, value);
  }

  public ExecutionQuery statuses(Set<ExecutionStatus> value) {
    return new ExecutionQuery(tenant, value, text, beforeCreated, beforeId, limit);
  }

  public ExecutionQuery text(String value) {
    return new ExecutionQuery(tenant, statuses, value, beforeCreated, beforeId, limit);
  }

  /** The page after the one that ended with {@code last}. */
  public ExecutionQuery after(ExecutionSummary last) {
    return new ExecutionQuery(tenant, statuses, text, last.createdAt(), last.id(), limit);
  }

  /** Whether {@code s} passes the filters (the cursor and limit aside). */
  public boolean matches(ExecutionSummary s) {
    return (tenant == null || tenant.equals(s.tenant()))
        && (statuses.isEmpty() || statuses.contains(s.status()))
        && (text == null || (s.request() != null
            && s.request().toLowerCase(java.util.Locale.ROOT)
                .contains(text.toLowerCase(java.util.Locale.ROOT))));
  }

  /** Whether {@code s} comes after the cursor in newest-first order. */
  public boolean afterCursor(ExecutionSummary s) {
    if (beforeCreated == null) {
      return true;
    }
    int c = s.createdAt().compareTo(beforeCreated);
    return c < 0 || (c == 0 && s.id().value().compareTo(beforeId.value()) < 0);
  }
}
