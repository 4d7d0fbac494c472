package dev.baton.server.auth;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per key (or session): {@code perMinute} requests a minute, refilled smoothly. */
public final class RateLimits {
  private final int perMinute;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimits(int perMinute) {
    this.perMinute = perMinute;
  }

  /** Takes one request for {@code key}. @throws BatonException RATE_LIMITED with a retry hint */
  public void take(String key) {
    Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute,
            Duration.ofMinutes(1)))
        .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw BatonException.builder(ErrorCode.RATE_LIMITED, "more than " + perMinute
          + " requests a minute for this key").retryable(true)
          .retryAfter(Duration.ofNanos(probe.getNanosToWaitForRefill())).build();
    }
  }
}
