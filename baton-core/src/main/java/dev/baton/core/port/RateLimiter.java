package dev.baton.core.port;

import dev.baton.core.tool.RateLimit;
import java.time.Duration;

/** Admits calls per tool and tenant within a {@link RateLimit}, blocking while over it. */
public interface RateLimiter {
  /**
   * Waits for one permit.
   *
   * @return how long the caller waited (zero when admitted at once)
   * @throws InterruptedException when the step is cancelled while waiting
   */
  Duration acquire(String tool, String tenant, RateLimit limit) throws InterruptedException;
}
