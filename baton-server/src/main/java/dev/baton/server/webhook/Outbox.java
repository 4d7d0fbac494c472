package dev.baton.server.webhook;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.json.Json;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.port.StoredEvent;
import dev.baton.server.Sql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhooks' durable outbox. One loop per process: it reads the event log after the outbox's
 * cursor and writes a delivery row per event and matching webhook (ids are made from the event's
 * position and the webhook, so two processes writing the same row write it once), then claims
 * due deliveries with a lease (a process that dies leaves them to another when the lease runs
 * out) and sends each on a virtual thread, signed per Standard Webhooks. A delivery that fails is
 * tried again after a backoff that doubles (with jitter) until {@code maxAttempts}; retries keep
 * its id, so a receiver recognises a duplicate by {@code webhook-id}. Redirects are not followed.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final int BATCH = 500;
  private static final int CLAIM = 32;
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private final Sql sql;
  private final Webhooks webhooks;
  private final ExecutionStore store;
  private final String process;
  private final Duration poll;
  private final Duration retryBase;
  private final int maxAttempts;
  private final InstantSource clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Map<ExecutionId, String> tenants = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ExecutionId, String> eldest) {
      return size() > 10_000;
    }
  };
  private final java.util.Set<Thread> sending = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private boolean signalled;
  private volatile boolean closed;
  private Thread loop;

  public Outbox(Sql sql, Webhooks webhooks, ExecutionStore store, String process, Duration poll,
      Duration retryBase, int maxAttempts, InstantSource clock) {
    this.sql = sql;
    this.webhooks = webhooks;
    this.store = store;
    this.process = process;
    this.poll = poll;
    this.retryBase = retryBase;
    this.maxAttempts = maxAttempts;
    this.clock = clock;
  }

  /** Starts the loop; the cursor starts at the log's end the first time (no history is sent). */
  public Outbox start() {
    sql.insertIfAbsent("INSERT INTO webhook_cursor (id, position) VALUES ('outbox', ?)",
        store.lastPosition());
    loop = Thread.ofVirtual().name("webhook-outbox").start(this::run);
    return this;
  }

  /** Asks the loop to look now (an event was committed, a test delivery queued). */
  public void signal() {
    lock.lock();
    try {
      signalled = true;
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Queues a test delivery to {@code webhook}; returns its id. */
  public String test(Webhooks.Webhook webhook) {
    String id = "msg_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    ObjectNode payload = Json.object().put("type", "baton.test")
        .put("timestamp", clock.instant().toString());
    payload.putObject("data").put("webhook", webhook.id()).put("tenant", webhook.tenant());
    insert(id, webhook, "test", null, Json.write(payload));
    signal();
    return id;
  }

  private void run() {
    while (!closed) {
      try {
        fill();
        send();
        lock.lock();
        try {
          if (!signalled && !closed) {
            wake.await(poll.toNanos(), TimeUnit.NANOSECONDS);
          }
          signalled = false;
        } finally {
          lock.unlock();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.warn("webhook outbox: {}", e.getMessage(), e);
          try {
            Thread.sleep(poll);
          } catch (InterruptedException stop) {
            return;
          }
        }
      }
    }
  }

  /** Writes the deliveries of the events after the cursor, then moves it. */
  void fill() {
    while (!closed) {
      long cursor = sql.one("SELECT position FROM webhook_cursor WHERE id = 'outbox'",
          rs -> rs.getLong(1)).orElse(0L);
      List<StoredEvent> events = store.eventsSince(cursor, null, BATCH);
      if (events.isEmpty()) {
        return;
      }
      List<Webhooks.Webhook> active = webhooks.active();
      for (StoredEvent e : events) {
        String type = e.event().getClass().getSimpleName();
        String tenant = null;
        for (Webhooks.Webhook w : active) {
          if (e.position() <= w.fromPosition() || !w.wants(type)) {
            continue;
          }
          if (tenant == null) {
            tenant = tenantOf(e.event());
          }
          if (w.tenant().equals(tenant)) {
            ObjectNode payload = Json.object().put("type", "baton." + type)
                .put("timestamp", e.event().at() == null ? clock.instant().toString()
                    : e.event().at().toString());
            ObjectNode data = payload.putObject("data");
            data.put("tenant", tenant).put("position", e.position());
            data.set("event", Json.tree(e.event()));
            insert("msg_" + e.position() + "_" + w.id(), w, type, e.position(),
                Json.write(payload));
          }
        }
      }
      long last = events.get(events.size() - 1).position();
      sql.update("UPDATE webhook_cursor SET position = ? WHERE id = 'outbox' AND position < ?",
          last, last);
      if (events.size() < BATCH) {
        return;
      }
    }
  }

  private void insert(String id, Webhooks.Webhook w, String type, Long position, String payload) {
    Instant now = clock.instant();
    sql.insertIfAbsent("INSERT INTO webhook_deliveries (id, webhook_id, tenant, event_type,"
        + " event_position, payload, status, attempts, next_attempt_at, created_at) VALUES"
        + " (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)", id, w.id(), w.tenant(), type, position,
        payload, now, now);
  }

  private String tenantOf(Event e) {
    if (e instanceof Event.ExecutionCreated c) {
      tenants.put(c.execution(), c.tenant());
      return c.tenant();
    }
    return tenants.computeIfAbsent(e.execution(), id -> store.summary(id)
        .map(ExecutionSummary::tenant).orElse(""));
  }

  /** Claims what is due (with a lease) and sends it, each on its own virtual thread. */
  void send() throws InterruptedException {
    while (!closed) {
      Instant now = clock.instant();
      Instant until = now.plus(LEASE);
      String due = "status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR"
          + " lease_until < ?)";
      sql.update("UPDATE webhook_deliveries SET lease_owner = ?, lease_until = ? WHERE id IN"
          + " (SELECT id FROM webhook_deliveries WHERE " + due + " ORDER BY next_attempt_at"
          + " LIMIT " + CLAIM + ") AND " + due, process, until, now, now, now, now);
      List<Webhooks.Delivery> claimed = sql.query(Webhooks.DELIVERY + " WHERE lease_owner = ?"
          + " AND lease_until = ? AND status = 'pending'", Webhooks::delivery, process,
          Sql.text(until));
      if (claimed.isEmpty()) {
        return;
      }
      List<Thread> threads = new ArrayList<>();
      for (Webhooks.Delivery d : claimed) {
        threads.add(Thread.ofVirtual().name("webhook-", 0).start(() -> {
          sending.add(Thread.currentThread());
          try {
            if (!closed) {
              deliver(d);
            }
          } finally {
            sending.remove(Thread.currentThread());
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      if (claimed.size() < CLAIM) {
        return;
      }
    }
  }

  private void deliver(Webhooks.Delivery d) {
    var webhook = webhooks.find(d.webhookId());
    if (webhook.isEmpty() || !webhook.get().active()) {
      sql.update("UPDATE webhook_deliveries SET status = 'cancelled', lease_owner = NULL,"
          + " lease_until = NULL WHERE id = ?", d.id());
      return;
    }
    Webhooks.Webhook w = webhook.get();
    int attempt = d.attempts() + 1;
    Integer status = null;
    String error;
    try {
      URI target = w.url();
      webhooks.guard().check(target);
      long timestamp = clock.instant().getEpochSecond();
      String signature = new com.standardwebhooks.Webhook(w.secret()).sign(d.id(), timestamp,
          d.payload());
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(target).timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .header("User-Agent", "Baton-Webhooks/1")
          .header("webhook-id", d.id())
          .header("webhook-timestamp", Long.toString(timestamp))
          .header("webhook-signature", signature)
          .POST(HttpRequest.BodyPublishers.ofString(d.payload())).build(),
          HttpResponse.BodyHandlers.discarding());
      status = r.statusCode();
      if (status >= 200 && status < 300) {
        sql.update("UPDATE webhook_deliveries SET status = 'delivered', attempts = ?,"
            + " last_status = ?, last_error = NULL, delivered_at = ?, lease_owner = NULL,"
            + " lease_until = NULL WHERE id = ?", attempt, status, clock.instant(), d.id());
        return;
      }
      error = "the receiver answered " + status;
    } catch (dev.baton.core.error.BatonException e) {
      error = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
          + e.getMessage());
    }
    boolean last = attempt >= maxAttempts;
    sql.update("UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status = ?,"
        + " last_error = ?, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL WHERE"
        + " id = ?", last ? "failed" : "pending", attempt, status, error,
        clock.instant().plus(backoff(attempt)), d.id());
  }

  /** base × 2^(attempt−1), ±20 % jitter, at most an hour. */
  Duration backoff(int attempt) {
    double factor = Math.pow(2, Math.min(attempt - 1, 30))
        * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
    long millis = (long) Math.min(MAX_BACKOFF.toMillis(), retryBase.toMillis() * factor);
    return Duration.ofMillis(millis);
  }

  /**
   * Stops the loop and interrupts deliveries in flight (their leases run out and another process,
   * or this one after a restart, sends them again), waiting a few seconds for them to stop.
   */
  @Override
  public void close() {
    closed = true;
    sending.forEach(Thread::interrupt);
    if (loop != null) {
      loop.interrupt();
      try {
        loop.join(Duration.ofSeconds(5));
        for (Thread t : List.copyOf(sending)) {
          t.join(Duration.ofSeconds(5));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
