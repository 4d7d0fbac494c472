package dev.baton.core.port;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.Question;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable home of executions: the append-only event log per execution (the source of truth), a
 * global order of every event ({@link StoredEvent#position()}), the projections that make listings
 * cheap (executions, pending approvals and questions), which process runs which execution
 * ({@link ProcessLease}), and the result cache. Implementations are thread-safe.
 */
public interface ExecutionStore extends AutoCloseable {

  /**
   * Appends events of one execution in one transaction, together with the projections they change.
   * The first event's seq must be one past the last stored one (1 for a new execution, whose first
   * event is {@link Event.ExecutionCreated}) and the rest must follow without gaps.
   *
   * @throws BatonException STORE_CONFLICT if another writer appended first (nothing is written);
   *     STORE_UNAVAILABLE if the database cannot be reached; STORE_CORRUPT if the batch itself is
   *     out of order
   */
  default long append(List<Event> events) {
    return append(events, null, null);
  }

  /**
   * {@link #append(List)}, with what the writer knows: {@code after}, the execution's summary once
   * these events are applied (null if the writer has not folded them; a store may use it to keep
   * its listings without folding again), and {@code holder}, the process that holds a new execution
   * from its first event (null: none), so no other process can take it between its creation and a
   * claim.
   *
   * @return the position of the last event appended (its first is that minus the count plus
   *     one); 0 for an empty batch
   */
  long append(List<Event> events, ExecutionSummary after, String holder);

  /** The events of an execution with seq greater than {@code afterSeq}, in order; empty if none. */
  List<Event> events(ExecutionId id, long afterSeq);

  /**
   * Events of every execution of {@code tenant} (null: every tenant) whose position is greater
   * than {@code afterPosition}, in position order, at most {@code limit}.
   */
  List<StoredEvent> eventsSince(long afterPosition, String tenant, int limit);

  /**
   * What changed after {@code afterPosition}, without the events' bodies: cheap enough to poll.
   * In position order, at most {@code limit}.
   */
  List<Change> changesSince(long afterPosition, int limit);

  /** The position of the last stored event; 0 when the store holds none. */
  long lastPosition();

  /** The folded state of an execution. @throws BatonException EXECUTION_NOT_FOUND */
  default ExecutionState load(ExecutionId id) {
    List<Event> events = events(id, 0);
    if (events.isEmpty()) {
      throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "no execution with id '" + id + "'");
    }
    return ExecutionState.replay(events);
  }

  Optional<ExecutionSummary> summary(ExecutionId id);

  /** One page of executions, newest first, as {@code query} filters them. */
  Page<ExecutionSummary> list(ExecutionQuery query);

  /** Newest first, at most {@code limit}; {@code tenant} null means every tenant. */
  default List<ExecutionSummary> list(String tenant, int limit) {
    return list(ExecutionQuery.all(tenant).limit(limit)).items();
  }

  /** Executions not yet succeeded, failed or cancelled, oldest first. */
  List<ExecutionId> unfinished();

  /**
   * Pending approvals, oldest first, skipping {@code offset} and returning at most {@code limit};
   * {@code tenant} null means every tenant.
   */
  List<Approval> pendingApprovals(String tenant, int offset, int limit);

  /** Every pending approval, oldest first. */
  default List<Approval> pendingApprovals(String tenant) {
    return pendingApprovals(tenant, 0, Integer.MAX_VALUE);
  }

  /** Pending clarifying questions, oldest first, paged like {@link #pendingApprovals}. */
  List<Question> pendingQuestions(String tenant, int offset, int limit);

  /** How many approvals and questions wait for a person. */
  int countPendingHumanSteps(String tenant);

  // ------------------------------------------------------------ which process runs what

  /**
   * Records that {@code process} is alive until its {@link ProcessLease#until()} (creating or
   * renewing its row). One write per process, however many executions it holds.
   *
   * @return false when the process was not alive at {@code now} before this (its first heartbeat,
   *     or it was retired or let its lease lapse: then others may have taken its executions)
   */
  boolean heartbeat(ProcessLease process, Instant now);

  /** Forgets a process (it stopped, or is provably dead): its executions become free at once. */
  void retire(String processId);

  /** Every process the store knows of, alive or not. */
  List<ProcessLease> processes();

  /**
   * Takes an execution for {@code process}: succeeds when nobody holds it, its holder is not alive
   * at {@code now} (or unknown), or {@code process} already holds it.
   *
   * @throws BatonException EXECUTION_NOT_FOUND if the execution has no events
   */
  boolean claim(ExecutionId id, String process, Instant now);

  /**
   * Takes up to {@code limit} unfinished executions whose holder is not alive at {@code now}, in one
   * go, oldest first, for {@code process}; each comes with its status and when its next human-step
   * timeout falls due, so one waiting for a person needs no loading.
   */
  List<Claimed> claimOrphans(String process, Instant now, int limit);

  /** Gives an execution up if {@code process} holds it. */
  void release(ExecutionId id, String process);

  /** The live process holding an execution at {@code now}, if any. */
  Optional<ProcessLease> holder(ExecutionId id, Instant now);

  /** The durable result cache. */
  ResultCache cache();

  /** People's ratings of executions, kept beside them (same database, same tenants). */
  dev.baton.core.feedback.FeedbackStore feedback();

  @Override
  default void close() {}

  /** One event's place in the global order, without its body. */
  record Change(long position, ExecutionId execution, long seq, String type) {}

  /**
   * An execution taken over: its status, and the earliest expiry of its pending approvals and
   * questions (null if none expires).
   */
  record Claimed(ExecutionId id, dev.baton.core.exec.ExecutionStatus status, Instant wakeAt) {}
}
