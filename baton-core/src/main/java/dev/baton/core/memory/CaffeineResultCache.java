package dev.baton.core.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.baton.core.port.ResultCache;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** An in-process result cache with a TTL per entry, bounded by entry count. */
public final class CaffeineResultCache implements ResultCache {
  private record Entry(JsonNode value, Duration ttl) {}

  private final Cache<String, Entry> cache;

  public CaffeineResultCache(long maxEntries) {
    this.cache = Caffeine.newBuilder()
        .maximumSize(maxEntries)
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
