package dev.baton.core.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Engine-wide settings. {@code maxConcurrentSteps} bounds tool calls in this process;
 * {@code defaultToolConcurrency} bounds calls per tool when the tool sets none (0: unbounded);
 * {@code pollInterval} is how often this process looks for events other processes appended (an
 * approval from another shell, a cancel); {@code leaseTtl} is how long this process's executions
 * stay its own after its last heartbeat (sent every third of it), so how long a crashed process on
 * another machine keeps them; {@code owner} names this process; {@code adoptOrphans} lets a
 * person's command on an execution nobody holds run it here; {@code shutdownGrace} is how long
 * closing waits for running tool calls; {@code keepIdleStates} is how many idle executions keep
 * their state in memory (the rest load it again when woken).
 */
public record EngineOptions(int maxConcurrentSteps, int defaultToolConcurrency,
    Duration pollInterval, Duration leaseTtl, String owner, boolean adoptOrphans,
    Duration shutdownGrace, int keepIdleStates) {
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_CONCURRENT_STEPS = 256;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
  public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(15);
  public static final int DEFAULT_KEEP_IDLE_STATES = 1_000;

  public EngineOptions {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (maxConcurrentSteps < 1) {
      throw new IllegalArgumentException("maxConcurrentSteps must be at least 1");
    }
    if (defaultToolConcurrency < 0) {
      throw new IllegalArgumentException("defaultToolConcurrency must not be negative");
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive");
    }
    if (leaseTtl.compareTo(pollInterval.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException("leaseTtl must be at least three poll intervals");
    }
    if (keepIdleStates < 0) {
      throw new IllegalArgumentException("keepIdleStates must not be negative");
    }
  }

  /** Defaults, with {@code owner} naming this process (unique per process and start). */
  public static EngineOptions defaults(String owner) {
    return new EngineOptions(DEFAULT_MAX_CONCURRENT_STEPS, 0, DEFAULT_POLL_INTERVAL,
        DEFAULT_LEASE_TTL, owner, true, DEFAULT_SHUTDOWN_GRACE, DEFAULT_KEEP_IDLE_STATES);
  }

  public EngineOptions withOwner(String value) {
    return new EngineOptions(maxConcurrentSteps, defaultToolConcurrency, pollInterval, leaseTtl,
        value, adoptOrphans, shutdownGrace, keepIdleStates);
  }

  public EngineOptions withLeaseTtl(Duration ttl) {
    return new EngineOptions(maxConcurrentSteps, defaultToolConcurrency, pollInterval, ttl, owner,
        adoptOrphans, shutdownGrace, keepIdleStates);
  }

  public EngineOptions withPollInterval(Duration interval) {
    return new EngineOptions(maxConcurrentSteps, defaultToolConcurrency, interval, leaseTtl, owner,
        adoptOrphans, shutdownGrace, keepIdleStates);
  }

  public EngineOptions withMaxConcurrentSteps(int n) {
    return new EngineOptions(n, defaultToolConcurrency, pollInterval, leaseTtl, owner,
        adoptOrphans, shutdownGrace, keepIdleStates);
  }

  public EngineOptions withDefaultToolConcurrency(int n) {
    return new EngineOptions(maxConcurrentSteps, n, pollInterval, leaseTtl, owner,
        adoptOrphans, shutdownGrace, keepIdleStates);
  }

  public EngineOptions withShutdownGrace(Duration value) {
    return new EngineOptions(maxConcurrentSteps, defaultToolConcurrency, pollInterval, leaseTtl,
        owner, adoptOrphans, value, keepIdleStates);
  }

  public EngineOptions withAdoptOrphans(boolean value) {
    return new EngineOptions(maxConcurrentSteps, defaultToolConcurrency, pollInterval, leaseTtl,
        owner, value, shutdownGrace, keepIdleStates);
  }

  public EngineOptions withKeepIdleStates(int value) {
    return new EngineOptions(maxConcurrentSteps, defaultToolConcurrency, pollInterval, leaseTtl,
        owner, adoptOrphans, shutdownGrace, value);
  }
}
