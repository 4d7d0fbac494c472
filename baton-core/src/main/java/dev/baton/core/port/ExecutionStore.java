package dev.baton.core.port;

import dev.baton.core.error.BatonException;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable home of executions: the append-only event log per execution (the source of truth), the
 * projections that make listings cheap (status, steps, approvals), leases that say which process
 * runs an execution, and the result cache. Implementations are thread-safe.
 */
public interface ExecutionStore extends AutoCloseable {

  /**
   * Appends events of one execution in one transaction, together with the projections they change.
   * The first event's seq must be one past the last stored one (1 for a new execution) and the rest
   * must follow without gaps.
   *
   * @throws BatonException STORE_CONFLICT if another writer appended first (nothing is written);
   *     STORE_UNAVAILABLE if the database cannot be reached
   */
  void append(List<Event> events);

  /** The events of an execution with seq greater than {@code afterSeq}, in order; empty if none. */
  List<Event> events(ExecutionId id, long afterSeq);

  /**
   * Events of every execution of {@code tenant} (null: every tenant) whose position is greater
   * than {@code afterPosition}, in position order, at most {@code limit}.
   */
  List<StoredEvent> eventsSince(long afterPosition, String tenant, int limit);

  /** The position of the last stored event; 0 when the store holds none. */
  long lastPosition();

  /** The folded state of an execution. @throws BatonException EXECUTION_NOT_FOUND */
  default ExecutionState load(ExecutionId id) {
    List<Event> events = events(id, 0);
    if (events.isEmpty()) {
      throw BatonException.of(dev.baton.core.error.ErrorCode.EXECUTION_NOT_FOUND,
          "no execution with id '" + id + "'");
    }
    return ExecutionState.replay(events);
  }

  Optional<ExecutionSummary> summary(ExecutionId id);

  /** Newest first, at most {@code limit}; {@code tenant} null means every tenant. */
  List<ExecutionSummary> list(String tenant, int limit);

  /** Executions not yet succeeded, failed or cancelled, oldest first. */
  List<ExecutionId> unfinished();

  /** Pending approvals, oldest first; {@code tenant} null means every tenant. */
  List<Approval> pendingApprovals(String tenant);

  /**
   * Takes or renews the lease on an execution for {@code owner} until {@code now + ttl}. Succeeds
   * when nobody holds it, the holder's lease ran out, or {@code owner} already holds it.
   */
  boolean claim(ExecutionId id, String owner, Instant now, Duration ttl);

  /** Gives the lease up if {@code owner} holds it. */
  void release(ExecutionId id, String owner);

  /** A live lease's owner, if any holds one at {@code now}. */
  Optional<String> leaseHolder(ExecutionId id, Instant now);

  /** The durable result cache. */
  ResultCache cache();

  @Override
  default void close() {}
}
