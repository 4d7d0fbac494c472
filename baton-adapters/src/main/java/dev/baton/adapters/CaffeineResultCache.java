package dev.baton.adapters;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.baton.core.port.ResultCache;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An in-process result cache with a TTL per entry, bounded by entry count (Caffeine), on the
 * engine's clock (so entries expire on virtual time too).
 */
public final class CaffeineResultCache implements ResultCache {
  private record Entry(JsonNode value, Duration ttl) {}

  private final Cache<String, Entry> cache;

  public CaffeineResultCache(long maxEntries, InstantSource clock) {
    Instant origin = clock.instant();
    this.cache = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .ticker(() -> Duration.between(origin, clock.instant()).toNanos())
        .expireAfter(Expiry.<String, Entry>creating((k, v) -> v.ttl()))
        .build();
  }

  @Override
  public Optional<JsonNode> get(String key) {
    Entry e = cache.getIfPresent(key);
    return e == null ? Optional.empty() : Optional.of(e.value().deepCopy());
  }

  @Override
  public void put(String key, JsonNode value, Duration ttl) {
    cache.put(key, new Entry(value.deepCopy(), ttl));
  }
}
