package dev.baton.server.stream;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.port.StoredEvent;
import java.time.Duration;
import java.util.ArrayDeque;
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

  /** An event with its global position and its execution's tenant. */
  public record FeedEvent(long position, String tenant, Event event) {}

  private final ExecutionStore store;
  private final Duration pollInterval;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();
  private final Condition wake = lock.newCondition();
  private final ArrayDeque<FeedEvent> buffer = new ArrayDeque<>();
  /** Executions' tenants, newest used kept; touched by the pump only. */
  private final Map<ExecutionId, String> tenants = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ExecutionId, String> eldest) {
      return size() > TENANTS_KEPT;
    }
  };
  private final Thread pump;
  private long head;
  private boolean signalled;
  private volatile boolean closed;

  public EventFeed(ExecutionStore store, Duration pollInterval, int capacity) {
    this.store = store;
    this.pollInterval = pollInterval;
    this.capacity = capacity;
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
    lock.lock();
    try {
      return head;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Events after {@code position}, in position order, at most {@code limit}, of {@code tenant}
   * (null: every tenant): from memory when the buffer still holds them, else from the store.
   */
  public List<FeedEvent> after(long position, String tenant, int limit) {
    lock.lock();
    try {
      FeedEvent first = buffer.peekFirst();
      if (position >= head) {
        return List.of();
      }
      if (first != null && position >= first.position() - 1) {
        List<FeedEvent> out = new ArrayList<>();
        for (FeedEvent e : buffer) {
          if (e.position() > position && (tenant == null || tenant.equals(e.tenant()))) {
            out.add(e);
            if (out.size() >= limit) {
              break;
            }
          }
        }
        return out;
      }
    } finally {
      lock.unlock();
    }
    // why: this reader fell behind the buffer (or connected with an old cursor): the store has
    // it all, and reading it there costs only this reader
    List<FeedEvent> out = new ArrayList<>();
    for (StoredEvent s : store.eventsSince(position, tenant, limit)) {
      out.add(new FeedEvent(s.position(), tenant, s.event()));
    }
    return out;
  }

  /**
   * Waits until the feed holds an event after {@code position}, or {@code timeout} passes.
   *
   * @return whether there is something after {@code position}
   */
  public boolean await(long position, Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (head <= position && !closed) {
        if (nanos <= 0) {
          return false;
        }
        nanos = advanced.awaitNanos(nanos);
      }
      return head > position;
    } finally {
      lock.unlock();
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
          buffer.addLast(e);
          if (buffer.size() > capacity) {
            buffer.removeFirst();
          }
        }
        head = read.get(read.size() - 1).position();
        advanced.signalAll();
      } finally {
        lock.unlock();
      }
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
    lock.lock();
    try {
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
