package dev.baton.bench;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.port.ResultCache;
import java.time.Duration;
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
  public void append(List<Event> batch) {
    inner.append(batch);
    appends.incrementAndGet();
    events.addAndGet(batch.size());
  }

  @Override
  public List<Event> events(ExecutionId id, long afterSeq) {
    return inner.events(id, afterSeq);
  }

  @Override
  public List<dev.baton.core.port.StoredEvent> eventsSince(long afterPosition, String tenant,
      int limit) {
    return inner.eventsSince(afterPosition, tenant, limit);
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
  public List<ExecutionSummary> list(String tenant, int limit) {
    return inner.list(tenant, limit);
  }

  @Override
  public List<ExecutionId> unfinished() {
    return inner.unfinished();
  }

  @Override
  public List<Approval> pendingApprovals(String tenant) {
    return inner.pendingApprovals(tenant);
  }

  @Override
  public boolean claim(ExecutionId id, String owner, Instant now, Duration ttl) {
    return inner.claim(id, owner, now, ttl);
  }

  @Override
  public void release(ExecutionId id, String owner) {
    inner.release(id, owner);
  }

  @Override
  public Optional<String> leaseHolder(ExecutionId id, Instant now) {
    return inner.leaseHolder(id, now);
  }

  @Override
  public ResultCache cache() {
    return inner.cache();
  }

  @Override
  public void close() {
    inner.close();
  }
}
