package dev.baton.adapters;

import dev.baton.core.port.ResultCache;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A fast in-process cache in front of a durable one; hits in the durable one warm the front. */
public final class TieredResultCache implements ResultCache {
  private static final Duration WARM_TTL = Duration.ofMinutes(1);
  private final ResultCache front;
  private final ResultCache back;

  public TieredResultCache(ResultCache front, ResultCache back) {
    this.front = front;
    this.back = back;
  }

  @Override
  public Optional<JsonNode> get(String key) {
    Optional<JsonNode> hit = front.get(key);
    if (hit.isPresent()) {
      return hit;
    }
    hit = back.get(key);
    hit.ifPresent(v -> front.put(key, v, WARM_TTL));
    return hit;
  }

  @Override
  public void put(String key, JsonNode value, Duration ttl) {
    back.put(key, value, ttl);
    front.put(key, value, ttl.compareTo(WARM_TTL) < 0 ? ttl : WARM_TTL);
  }
}
