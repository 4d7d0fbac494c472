package dev.baton.core.port;

import dev.baton.core.tool.RateLimit;
import java.time.Duration;

/**
 * Admits calls per tool and tenant within a {@link RateLimit}, without blocking: the engine waits
 * (through its time port) and asks again.
 */
public interface RateLimiter {
  /**
   * Takes one permit if one is free now and returns zero; else takes nothing and returns how long
   * until one may be.
   */
  Duration tryAcquire(String tool, String tenant, RateLimit limit);

  /** Admits everything (for engines whose tools declare no limits). */
  RateLimiter UNLIMITED = (tool, tenant, limit) -> Duration.ZERO;
}
