package dev.baton.core.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Engine-wide settings. {@code maxConcurrentSteps} bounds tool calls in this process;
 * {@code defaultToolConcurrency} bounds calls per tool when the tool sets none (0: unbounded);
 * {@code shutdownGrace} is how long closing waits for running tool calls;
 * {@code pollInterval} is how often a runner looks for events other processes appended (approvals,
 * pause, cancel) and re-checks approval timeouts; {@code leaseTtl} is how long a crashed process
 * keeps its executions before another may take them over.
 */
public record EngineOptions(int maxConcurrentSteps, int defaultToolConcurrency,
    Duration pollInterval, Duration leaseTtl, String owner, boolean adoptOrphans,
    Duration shutdownGrace) {
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_CONCURRENT_STEPS = 256;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
  public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(15);

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
  }

  public static EngineOptions defaults() {
    return new EngineOptions(DEFAULT_MAX_CONCURRENT_STEPS, 0, DEFAULT_POLL_INTERVAL,
        DEFAULT_LEASE_TTL, "pid-" + ProcessHandle.current().pid() + "-"
            + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6), true,
        DEFAULT_SHUTDOWN_GRACE);
  }

  public EngineOptions withLeaseTtl(Duration ttl) {
    return new EngineOptions(maxConcurrentSteps, defaultToolConcurrency, pollInterval, ttl, owner,
        adoptOrphans, shutdownGrace);
  }

  public EngineOptions withPollInterval(Duration interval) {
    return new EngineOptions(maxConcurrentSteps, defaultToolConcurrency, interval, leaseTtl, owner,
        adoptOrphans, shutdownGrace);
  }

  public EngineOptions withMaxConcurrentSteps(int n) {
    return new EngineOptions(n, defaultToolConcurrency, pollInterval, leaseTtl, owner,
        adoptOrphans, shutdownGrace);
  }

  public EngineOptions withShutdownGrace(Duration value) {
    return new EngineOptions(maxConcurrentSteps, defaultToolConcurrency, pollInterval, leaseTtl,
        owner, adoptOrphans, value);
  }

  public EngineOptions withAdoptOrphans(boolean value) {
    return new EngineOptions(maxConcurrentSteps, defaultToolConcurrency, pollInterval, leaseTtl,
        owner, value, shutdownGrace);
  }
}
