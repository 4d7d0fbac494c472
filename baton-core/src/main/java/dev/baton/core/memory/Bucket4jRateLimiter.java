package dev.baton.core.memory;

import dev.baton.core.port.RateLimiter;
import dev.baton.core.tool.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Token buckets per tool and tenant, in this process (Bucket4j). */
public final class Bucket4jRateLimiter implements RateLimiter {
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  @Override
  public Duration acquire(String tool, String tenant, RateLimit limit)
      throws InterruptedException {
    Bucket bucket = buckets.computeIfAbsent(tool + "\u0000" + tenant + "\u0000" + limit,
        k -> Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(limit.permits())
                .refillGreedy(limit.permits(), limit.period()).build())
            .build());
    if (bucket.tryConsume(1)) {
      return Duration.ZERO;
    }
    long start = System.nanoTime();
    bucket.asBlocking().consume(1);
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
