package dev.baton.adapters;

import dev.baton.core.port.RateLimiter;
import dev.baton.core.tool.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets per tool and tenant in this process (Bucket4j), on the engine's clock: a call
 * over the limit is told how long until a permit, and the engine waits through its time port.
 */
public final class Bucket4jRateLimiter implements RateLimiter {
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final TimeMeter meter;

  public Bucket4jRateLimiter(InstantSource clock) {
    Instant origin = clock.instant();
    this.meter = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return Duration.between(origin, clock.instant()).toNanos();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
  }

  @Override
  public Duration tryAcquire(String tool, String tenant, RateLimit limit) {
    Bucket bucket = buckets.computeIfAbsent(tool + "\u0000" + tenant + "\u0000" + limit,
        k -> Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(limit.permits())
                .refillGreedy(limit.permits(), limit.period()).build())
            .withCustomTimePrecision(meter)
            .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Duration.ZERO
        : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
  }
}
