package dev.baton.core.memory;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.port.ResultCache;
import dev.baton.core.port.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** The store kept in memory: for tests, benchmarks and runs that need no history. Thread-safe. */
public final class InMemoryExecutionStore implements ExecutionStore {
  private record Lease(String owner, Instant until) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<ExecutionId, List<Event>> logs = new LinkedHashMap<>();
  private final Map<ExecutionId, ExecutionState> states = new LinkedHashMap<>();
  private final Map<ExecutionId, Lease> leases = new LinkedHashMap<>();
  /** Every event in commit order; an event's position is its index here plus one. */
  private final List<StoredEvent> all = new ArrayList<>();
  private final ResultCache cache = new CaffeineResultCache(10_000);

  @Override
  public void append(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    ExecutionId id = events.getFirst().execution();
    lock.lock();
    try {
      List<Event> log = logs.get(id);
      long last = log == null ? 0 : log.size();
      if (events.getFirst().seq() != last + 1) {
        throw BatonException.of(ErrorCode.STORE_CONFLICT, "execution " + id + " is at event "
            + last + ", not " + (events.getFirst().seq() - 1));
      }
      if (log == null && !(events.getFirst() instanceof Event.ExecutionCreated)) {
        throw BatonException.of(ErrorCode.STORE_CORRUPT, "execution " + id
            + " must begin with ExecutionCreated, not " + events.getFirst().getClass()
                .getSimpleName());
      }
      List<Event> added = new ArrayList<>(events);
      ExecutionState state = log == null ? null : states.get(id);
      try {
        for (Event e : added) {
          if (state == null) {
            state = ExecutionState.replay(List.of(e));
          } else {
            state.apply(e);
          }
        }
      } catch (BatonException e) {
        // why: the fold is applied in place (no copy per append); rebuild it from the log
        if (log != null) {
          states.put(id, ExecutionState.replay(log));
        }
        throw e;
      }
      logs.computeIfAbsent(id, k -> new ArrayList<>()).addAll(added);
      for (Event e : added) {
        all.add(new StoredEvent(all.size() + 1L, e));
      }
      states.put(id, state);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Event> events(ExecutionId id, long afterSeq) {
    lock.lock();
    try {
      List<Event> log = logs.getOrDefault(id, List.of());
      return afterSeq >= log.size() ? List.of()
          : List.copyOf(log.subList((int) Math.max(0, afterSeq), log.size()));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<StoredEvent> eventsSince(long afterPosition, String tenant, int limit) {
    lock.lock();
    try {
      List<StoredEvent> out = new ArrayList<>();
      for (int i = (int) Math.max(0, afterPosition); i < all.size() && out.size() < limit; i++) {
        StoredEvent e = all.get(i);
        if (tenant == null || tenant.equals(states.get(e.event().execution()).tenant())) {
          out.add(e);
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long lastPosition() {
    lock.lock();
    try {
      return all.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ExecutionState load(ExecutionId id) {
    lock.lock();
    try {
      ExecutionState s = states.get(id);
      if (s == null) {
        throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "no execution with id '" + id
            + "'");
      }
      return s.copy();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<ExecutionSummary> summary(ExecutionId id) {
    lock.lock();
    try {
      return Optional.ofNullable(states.get(id)).map(InMemoryExecutionStore::summarise);
    } finally {
      lock.unlock();
    }
  }

  static ExecutionSummary summarise(ExecutionState s) {
    return new ExecutionSummary(s.id(), s.tenant(), s.status(), s.request(), s.createdAt(),
        s.updatedAt(), s.planVersion(), s.steps().size(), s.finishedSteps(), s.lastSeq());
  }

  @Override
  public List<ExecutionSummary> list(String tenant, int limit) {
    lock.lock();
    try {
      return states.values().stream()
          .filter(s -> tenant == null || tenant.equals(s.tenant()))
          .sorted(Comparator.comparing(ExecutionState::createdAt).reversed())
          .limit(limit).map(InMemoryExecutionStore::summarise).toList();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<ExecutionId> unfinished() {
    lock.lock();
    try {
      return states.values().stream().filter(s -> !s.status().terminal())
          .sorted(Comparator.comparing(ExecutionState::createdAt))
          .map(ExecutionState::id).toList();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Approval> pendingApprovals(String tenant) {
    lock.lock();
    try {
      return states.values().stream()
          .filter(s -> tenant == null || tenant.equals(s.tenant()))
          .flatMap(s -> s.pendingApprovals().stream())
          .sorted(Comparator.comparing(Approval::requestedAt)).toList();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean claim(ExecutionId id, String owner, Instant now, Duration ttl) {
    lock.lock();
    try {
      if (!states.containsKey(id)) {
        throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "no execution with id '" + id
            + "'");
      }
      Lease held = leases.get(id);
      if (held != null && !held.owner().equals(owner) && held.until().isAfter(now)) {
        return false;
      }
      leases.put(id, new Lease(owner, now.plus(ttl)));
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void release(ExecutionId id, String owner) {
    lock.lock();
    try {
      Lease held = leases.get(id);
      if (held != null && held.owner().equals(owner)) {
        leases.remove(id);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<String> leaseHolder(ExecutionId id, Instant now) {
    lock.lock();
    try {
      Lease held = leases.get(id);
      return held == null || !held.until().isAfter(now) ? Optional.empty()
          : Optional.of(held.owner());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ResultCache cache() {
    return cache;
  }
}
