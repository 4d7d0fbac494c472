package dev.baton.server.stream;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.port.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event the store commits, in position order, for the live streams (SSE, AG-UI, webhooks,
 * the dashboard): one reader per process (the pump) reads what is new from the store and keeps
 * the latest {@code capacity} events in memory, so a thousand connected clients cost one query per
 * change, not a thousand. Each client reads at its own pace from its own cursor: a slow one falls
 * behind the buffer and reads from the store instead, and never holds up the others.
 *
 * <p>The pump reads at once when this process's engine commits (the engine's listener wakes it)
 * and otherwise every {@code pollInterval}, which is how soon an event appended by another
 * process (a {@code baton run} on the same database) arrives. Thread-safe.
 */
public final class EventFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
  private static final int BATCH = 1000;
  private static final int TENANTS_KEPT = 10_000;

  /**
   * An event with its global position, its execution's tenant, and its JSON (written once, by
   * the pump, for every client that sends it).
   */
  public record FeedEvent(long position, String tenant, Event event, String json) {
    FeedEvent(long position, String tenant, Event event) {
      this(position, tenant, event, dev.baton.core.json.Json.write(event));
    }
  }

  private final ExecutionStore store;
  private final Duration pollInterval;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  /** The latest events, oldest first, in a ring: {@code size} of them from {@code start}. */
  private final FeedEvent[] ring;
  private int start;
  private int size;
  /** Executions' tenants, newest used kept; touched by the pump only. */
  private final Map<ExecutionId, String> tenants = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ExecutionId, String> eldest) {
      return size() > TENANTS_KEPT;
    }
  };
  private final Thread pump;
  /** The newest position read; written by the pump only. */
  private volatile long head;
  /** The buffer as the pump last published it, oldest first; read without a lock. */
  private volatile FeedEvent[] published = new FeedEvent[0];
  /** Readers waiting for something after their position; woken each when the pump reads. */
  private final java.util.Set<Thread> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private boolean signalled;
  private volatile boolean closed;

  public EventFeed(ExecutionStore store, Duration pollInterval, int capacity) {
    this.store = store;
    this.pollInterval = pollInterval;
    this.capacity = capacity;
    this.ring = new FeedEvent[capacity];
    this.head = store.lastPosition();
    this.pump = Thread.ofVirtual().name("event-feed").start(this::run);
  }

  /** Asks the pump to read now (an event was committed in this process). */
  public void signal() {
    lock.lock();
    try {
      signalled = true;
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  /** The position of the newest event this feed has read. */
  public long head() {
    return head;
  }

  /**
   * Events after {@code position}, in position order, at most {@code limit}, of {@code tenant}
   * (null: every tenant): from memory when the buffer still holds them, else from the store.
   */
  public List<FeedEvent> after(long position, String tenant, int limit) {
    if (position >= head) {
      return List.of();
    }
    FeedEvent[] events = published;
    if (events.length > 0 && position >= events[0].position() - 1) {
      List<FeedEvent> out = new ArrayList<>();
      // why: a thousand clients each look after each change; find the place by halving, not
      // by walking the whole buffer, and without a lock
      for (int i = firstAfter(events, position); i < events.length; i++) {
        FeedEvent e = events[i];
        if (tenant == null || tenant.equals(e.tenant())) {
          out.add(e);
          if (out.size() >= limit) {
            break;
          }
        }
      }
      return out;
    }
    // why: this reader fell behind the buffer (or connected with an old cursor): the store has
    // it all, and reading it there costs only this reader
    List<FeedEvent> out = new ArrayList<>();
    for (StoredEvent s : store.eventsSince(position, tenant, limit)) {
      out.add(new FeedEvent(s.position(), tenant, s.event()));
    }
    return out;
  }

  /** The index of the first event after {@code position} (positions rise). */
  private static int firstAfter(FeedEvent[] events, long position) {
    int lo = 0;
    int hi = events.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (events[mid].position() <= position) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Waits until the feed holds an event after {@code position}, or {@code timeout} passes.
   *
   * @return whether there is something after {@code position}
   */
  public boolean await(long position, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Thread me = Thread.currentThread();
    // why: parked and unparked one by one, not a condition's signalAll: a thousand waiters
    // woken through one lock would take it in turn
    waiting.add(me);
    try {
      while (head <= position && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(this, left);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      return head > position;
    } finally {
      waiting.remove(me);
    }
  }

  public boolean closed() {
    return closed;
  }

  private void run() {
    while (!closed) {
      try {
        lock.lock();
        try {
          if (!signalled) {
            wake.await(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
          }
          signalled = false;
        } finally {
          lock.unlock();
        }
        read();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.warn("reading new events failed; trying again in {}", pollInterval, e);
          try {
            Thread.sleep(pollInterval);
          } catch (InterruptedException stop) {
            return;
          }
        }
      }
    }
  }

  private void read() {
    while (!closed) {
      long from = head();
      List<StoredEvent> batch = store.eventsSince(from, null, BATCH);
      if (batch.isEmpty()) {
        return;
      }
      List<FeedEvent> read = new ArrayList<>(batch.size());
      for (StoredEvent s : batch) {
        read.add(new FeedEvent(s.position(), tenantOf(s.event()), s.event()));
      }
      lock.lock();
      try {
        for (FeedEvent e : read) {
          if (size == capacity) {
            ring[start] = e;
            start = (start + 1) % capacity;
          } else {
            ring[(start + size) % capacity] = e;
            size++;
          }
        }
        FeedEvent[] copy = new FeedEvent[size];
        for (int i = 0; i < size; i++) {
          copy[i] = ring[(start + i) % capacity];
        }
        published = copy;
        head = read.get(read.size() - 1).position();
      } finally {
        lock.unlock();
      }
      waiting.forEach(java.util.concurrent.locks.LockSupport::unpark);
      if (batch.size() < BATCH) {
        return;
      }
    }
  }

  private String tenantOf(Event e) {
    if (e instanceof Event.ExecutionCreated c) {
      tenants.put(c.execution(), c.tenant());
      return c.tenant();
    }
    String t = tenants.get(e.execution());
    if (t == null) {
      t = store.summary(e.execution()).map(ExecutionSummary::tenant).orElse(null);
      if (t != null) {
        tenants.put(e.execution(), t);
      }
    }
    return t;
  }

  @Override
  public void close() {
    closed = true;
    pump.interrupt();
    waiting.forEach(java.util.concurrent.locks.LockSupport::unpark);
  }
}
