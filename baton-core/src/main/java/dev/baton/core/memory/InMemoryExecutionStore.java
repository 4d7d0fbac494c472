package dev.baton.core.memory;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.exec.Question;
import dev.baton.core.port.ExecutionQuery;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.port.Page;
import dev.baton.core.port.ProcessLease;
import dev.baton.core.port.ResultCache;
import dev.baton.core.port.StoredEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store kept in memory: for tests, benchmarks and embedded runs that need no history.
 * Thread-safe. It does not fold what it is given (the writer did): it keeps each log and the few
 * facts listings need. It forgets the oldest finished executions beyond {@code keepFinished}, and
 * the global order of events beyond {@code keepEvents}, so a long-lived process does not grow
 * without bound. Caches nothing ({@link ResultCache#NONE}).
 */
public final class InMemoryExecutionStore implements ExecutionStore {
  public static final int DEFAULT_KEEP_FINISHED = 1_000;
  public static final int DEFAULT_KEEP_EVENTS = 100_000;

  /** One execution: its log and what listings read without folding it. */
  private static final class Log {
    final List<Event> events = new ArrayList<>();
    String tenant;
    String request;
    Instant createdAt;
    ExecutionStatus status = ExecutionStatus.QUEUED;
    String holder;
    /** Pending approvals and questions, with their expiry (null: none, or escalated). */
    final Map<ApprovalId, Instant> pending = new LinkedHashMap<>();
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<ExecutionId, Log> logs = new LinkedHashMap<>();
  private final ArrayDeque<ExecutionId> finished = new ArrayDeque<>();
  /** The newest events in position order; {@code all.get(i)} is at position {@code dropped + i + 1}. */
  private final List<StoredEvent> all = new ArrayList<>();
  private long dropped;
  private final Map<String, ProcessLease> processes = new HashMap<>();
  private final InMemoryFeedbackStore feedback = new InMemoryFeedbackStore();
  private final int keepFinished;
  private final int keepEvents;
  private long lastPosition;

  public InMemoryExecutionStore() {
    this(DEFAULT_KEEP_FINISHED, DEFAULT_KEEP_EVENTS);
  }

  public InMemoryExecutionStore(int keepFinished, int keepEvents) {
    if (keepFinished < 0 || keepEvents < 0) {
      throw new IllegalArgumentException("keepFinished and keepEvents must not be negative");
    }
    this.keepFinished = keepFinished;
    this.keepEvents = keepEvents;
  }

  @Override
  public long append(List<Event> events, ExecutionSummary after, String holder) {
    if (events.isEmpty()) {
      return 0;
    }
    ExecutionId id = events.getFirst().execution();
    lock.lock();
    try {
      Log log = logs.get(id);
      long last = log == null ? 0 : log.events.size();
      if (events.getFirst().seq() != last + 1) {
        throw BatonException.of(ErrorCode.STORE_CONFLICT, "execution " + id + " is at event "
            + last + ", not " + (events.getFirst().seq() - 1));
      }
      if (log == null && !(events.getFirst() instanceof Event.ExecutionCreated)) {
        throw BatonException.of(ErrorCode.STORE_CORRUPT, "execution " + id
            + " must begin with ExecutionCreated, not " + events.getFirst().getClass()
                .getSimpleName());
      }
      long seq = last;
      for (Event e : events) {
        if (e.seq() != ++seq || !e.execution().equals(id)) {
          throw BatonException.of(ErrorCode.STORE_CORRUPT, "event " + e.seq() + " of "
              + e.execution() + " does not follow " + (seq - 1) + " of " + id);
        }
      }
      if (log == null) {
        log = new Log();
        log.holder = holder;
        logs.put(id, log);
      }
      boolean wasTerminal = log.status.terminal();
      for (Event e : events) {
        note(log, e);
        log.events.add(e);
        all.add(new StoredEvent(++lastPosition, e));
      }
      if (all.size() > keepEvents + keepEvents / 4 + 1) {
        // why: drop in chunks, so a long run pays for the copy once in a while, not per append
        int excess = all.size() - keepEvents;
        all.subList(0, excess).clear();
        dropped += excess;
      }
      if (!wasTerminal && log.status.terminal()) {
        finished.add(id);
        while (finished.size() > keepFinished) {
          logs.remove(finished.poll());
        }
      }
      return lastPosition;
    } finally {
      lock.unlock();
    }
  }

  /** Keeps what listings need; no fold. */
  private static void note(Log log, Event e) {
    switch (e) {
      case Event.ExecutionCreated c -> {
        log.tenant = c.tenant();
        log.request = c.request();
        log.createdAt = c.at();
      }
      case Event.StatusChanged s -> log.status = s.to();
      case Event.ApprovalRequested a -> log.pending.put(a.approval(), a.expiresAt());
      case Event.ApprovalDecided d -> log.pending.remove(d.approval());
      case Event.ApprovalExpired x -> expired(log, x.approval(), x.policy());
      case Event.QuestionAsked q -> log.pending.put(q.question(), q.expiresAt());
      case Event.QuestionAnswered a -> log.pending.remove(a.question());
      case Event.QuestionWithdrawn w -> log.pending.remove(w.question());
      case Event.QuestionExpired x -> expired(log, x.question(), x.policy());
      default -> { }
    }
  }

  private static void expired(Log log, ApprovalId id, ExpiryPolicy policy) {
    if (policy == ExpiryPolicy.REJECT) {
      log.pending.remove(id);
    } else if (log.pending.containsKey(id)) {
      log.pending.put(id, null);
    }
  }

  @Override
  public List<Event> events(ExecutionId id, long afterSeq) {
    lock.lock();
    try {
      Log log = logs.get(id);
      if (log == null || afterSeq >= log.events.size()) {
        return List.of();
      }
      return List.copyOf(log.events.subList((int) Math.max(0, afterSeq), log.events.size()));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<StoredEvent> eventsSince(long afterPosition, String tenant, int limit) {
    lock.lock();
    try {
      List<StoredEvent> out = new ArrayList<>();
      for (int i = first(afterPosition); i < all.size() && out.size() < limit; i++) {
        StoredEvent e = all.get(i);
        Log log = logs.get(e.event().execution());
        if (tenant == null || (log != null && tenant.equals(log.tenant))) {
          out.add(e);
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Change> changesSince(long afterPosition, int limit) {
    lock.lock();
    try {
      List<Change> out = new ArrayList<>();
      for (int i = first(afterPosition); i < all.size() && out.size() < limit; i++) {
        StoredEvent e = all.get(i);
        out.add(new Change(e.position(), e.event().execution(), e.event().seq(),
            e.event().getClass().getSimpleName()));
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** The index in {@link #all} of the first event after {@code position}. */
  private int first(long position) {
    return (int) Math.max(0, Math.min(all.size(), position - dropped));
  }

  @Override
  public long lastPosition() {
    lock.lock();
    try {
      return lastPosition;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ExecutionState load(ExecutionId id) {
    List<Event> events = events(id, 0);
    if (events.isEmpty()) {
      throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "no execution with id '" + id + "'");
    }
    return ExecutionState.replay(events);
  }

  @Override
  public Optional<ExecutionSummary> summary(ExecutionId id) {
    List<Event> events = events(id, 0);
    return events.isEmpty() ? Optional.empty()
        : Optional.of(ExecutionSummary.of(ExecutionState.replay(events)));
  }


  @Override
  public Page<ExecutionSummary> list(ExecutionQuery query) {
    List<ExecutionId> ids;
    lock.lock();
    try {
      ids = logs.entrySet().stream()
          .filter(e -> (query.tenant() == null || query.tenant().equals(e.getValue().tenant))
              && (query.statuses().isEmpty()
                  || query.statuses().contains(e.getValue().status)))
          .sorted(Comparator.comparing((Map.Entry<ExecutionId, Log> e) -> e.getValue().createdAt)
              .thenComparing(e -> e.getKey().value()).reversed())
          .map(Map.Entry::getKey).toList();
    } finally {
      lock.unlock();
    }
    List<ExecutionSummary> page = new ArrayList<>();
    for (ExecutionId id : ids) {
      Optional<ExecutionSummary> s = summary(id);
      if (s.isEmpty() || !query.matches(s.get()) || !query.afterCursor(s.get())) {
        continue;
      }
      if (page.size() == query.limit()) {
        return new Page<>(page, true);
      }
      page.add(s.get());
    }
    return new Page<>(page, false);
  }

  @Override
  public List<ExecutionId> unfinished() {
    lock.lock();
    try {
      return logs.entrySet().stream().filter(e -> !e.getValue().status.terminal())
          .sorted(Comparator.comparing(e -> e.getValue().createdAt))
          .map(Map.Entry::getKey).toList();
    } finally {
      lock.unlock();
    }
  }

  private List<ExecutionState> waiting(String tenant) {
    List<ExecutionId> ids = new ArrayList<>();
    lock.lock();
    try {
      logs.forEach((id, log) -> {
        if (!log.pending.isEmpty() && !log.status.terminal()
            && (tenant == null || tenant.equals(log.tenant))) {
          ids.add(id);
        }
      });
    } finally {
      lock.unlock();
    }
    List<ExecutionState> states = new ArrayList<>();
    for (ExecutionId id : ids) {
      List<Event> events = events(id, 0);
      if (!events.isEmpty()) {
        states.add(ExecutionState.replay(events));
      }
    }
    return states;
  }

  @Override
  public List<Approval> pendingApprovals(String tenant, int offset, int limit) {
    return waiting(tenant).stream().flatMap(s -> s.pendingApprovals().stream())
        .sorted(Comparator.comparing(Approval::requestedAt)).skip(offset).limit(limit).toList();
  }

  @Override
  public List<Question> pendingQuestions(String tenant, int offset, int limit) {
    return waiting(tenant).stream().flatMap(s -> s.pendingQuestions().stream())
        .sorted(Comparator.comparing(Question::askedAt)).skip(offset).limit(limit).toList();
  }

  @Override
  public int countPendingHumanSteps(String tenant) {
    lock.lock();
    try {
      int n = 0;
      for (Log log : logs.values()) {
        if (!log.status.terminal() && (tenant == null || tenant.equals(log.tenant))) {
          n += log.pending.size();
        }
      }
      return n;
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------ processes

  @Override
  public boolean heartbeat(ProcessLease process, Instant now) {
    lock.lock();
    try {
      ProcessLease before = processes.put(process.id(), process);
      return before != null && before.aliveAt(now);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void retire(String processId) {
    lock.lock();
    try {
      processes.remove(processId);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<ProcessLease> processes() {
    lock.lock();
    try {
      return List.copyOf(processes.values());
    } finally {
      lock.unlock();
    }
  }

  private boolean free(Log log, String process, Instant now) {
    if (log.holder == null || log.holder.equals(process)) {
      return true;
    }
    ProcessLease holder = processes.get(log.holder);
    return holder == null || !holder.aliveAt(now);
  }

  @Override
  public boolean claim(ExecutionId id, String process, Instant now) {
    lock.lock();
    try {
      Log log = logs.get(id);
      if (log == null) {
        throw BatonException.of(ErrorCode.EXECUTION_NOT_FOUND, "no execution with id '" + id
            + "'");
      }
      if (!free(log, process, now)) {
        return false;
      }
      log.holder = process;
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Claimed> claimOrphans(String process, Instant now, int limit) {
    lock.lock();
    try {
      List<Claimed> out = new ArrayList<>();
      List<Map.Entry<ExecutionId, Log>> candidates = logs.entrySet().stream()
          .filter(e -> !e.getValue().status.terminal())
          .sorted(Comparator.comparing(e -> e.getValue().createdAt)).toList();
      for (var e : candidates) {
        Log log = e.getValue();
        if (out.size() >= limit) {
          break;
        }
        if (process.equals(log.holder) || !free(log, process, now)) {
          continue;
        }
        log.holder = process;
        Instant wake = log.pending.values().stream().filter(java.util.Objects::nonNull)
            .min(Comparator.naturalOrder()).orElse(null);
        out.add(new Claimed(e.getKey(), log.status, wake));
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void release(ExecutionId id, String process) {
    lock.lock();
    try {
      Log log = logs.get(id);
      if (log != null && process.equals(log.holder)) {
        log.holder = null;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<ProcessLease> holder(ExecutionId id, Instant now) {
    lock.lock();
    try {
      Log log = logs.get(id);
      if (log == null || log.holder == null) {
        return Optional.empty();
      }
      ProcessLease p = processes.get(log.holder);
      return p == null || !p.aliveAt(now) ? Optional.empty() : Optional.of(p);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ResultCache cache() {
    return ResultCache.NONE;
  }

  @Override
  public dev.baton.core.feedback.FeedbackStore feedback() {
    return feedback;
  }
}
