package dev.baton.bench;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.exec.Question;
import dev.baton.core.port.ExecutionQuery;
import dev.baton.core.port.Page;
import dev.baton.core.port.ProcessLease;
import dev.baton.core.port.ResultCache;
import dev.baton.core.port.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store that counts appends (one transaction each) and the events in them, so the report can say
 * how many commits a step costs. Everything else goes straight through.
 */
final class CountingStore implements ExecutionStore {
  private final ExecutionStore inner;
  private final AtomicLong appends = new AtomicLong();
  private final AtomicLong events = new AtomicLong();

  CountingStore(ExecutionStore inner) {
    this.inner = inner;
  }

  ExecutionStore inner() {
    return inner;
  }

  long appends() {
    return appends.get();
  }

  long events() {
    return events.get();
  }

  @Override
  public long append(List<Event> batch, ExecutionSummary after, String holder) {
    long last = inner.append(batch, after, holder);
    appends.incrementAndGet();
    events.addAndGet(batch.size());
    return last;
  }

  @Override
  public List<Event> events(ExecutionId id, long afterSeq) {
    return inner.events(id, afterSeq);
  }

  @Override
  public List<StoredEvent> eventsSince(long afterPosition, String tenant, int limit) {
    return inner.eventsSince(afterPosition, tenant, limit);
  }

  @Override
  public List<Change> changesSince(long afterPosition, int limit) {
    return inner.changesSince(afterPosition, limit);
  }

  @Override
  public long lastPosition() {
    return inner.lastPosition();
  }

  @Override
  public ExecutionState load(ExecutionId id) {
    return inner.load(id);
  }

  @Override
  public Optional<ExecutionSummary> summary(ExecutionId id) {
    return inner.summary(id);
  }

  @Override
  public Page<ExecutionSummary> list(ExecutionQuery query) {
    return inner.list(query);
  }

  @Override
  public List<ExecutionId> unfinished() {
    return inner.unfinished();
  }

  @Override
  public List<Approval> pendingApprovals(String tenant, int offset, int limit) {
    return inner.pendingApprovals(tenant, offset, limit);
  }

  @Override
  public List<Question> pendingQuestions(String tenant, int offset, int limit) {
    return inner.pendingQuestions(tenant, offset, limit);
  }

  @Override
  public int countPendingHumanSteps(String tenant) {
    return inner.countPendingHumanSteps(tenant);
  }

  @Override
  public boolean heartbeat(ProcessLease process, Instant now) {
    return inner.heartbeat(process, now);
  }

  @Override
  public void retire(String processId) {
    inner.retire(processId);
  }

  @Override
  public List<ProcessLease> processes() {
    return inner.processes();
  }

  @Override
  public boolean claim(ExecutionId id, String process, Instant now) {
    return inner.claim(id, process, now);
  }

  @Override
  public List<Claimed> claimOrphans(String process, Instant now, int limit) {
    return inner.claimOrphans(process, now, limit);
  }

  @Override
  public void release(ExecutionId id, String process) {
    inner.release(id, process);
  }

  @Override
  public Optional<ProcessLease> holder(ExecutionId id, Instant now) {
    return inner.holder(id, now);
  }

  @Override
  public ResultCache cache() {
    return inner.cache();
  }

  @Override
  public dev.baton.core.feedback.FeedbackStore feedback() {
    return inner.feedback();
  }

  @Override
  public void close() {
    inner.close();
  }
}
