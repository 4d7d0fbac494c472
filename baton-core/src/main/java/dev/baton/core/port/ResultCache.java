package dev.baton.core.port;

import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Results of read-only tool calls by key (tool, tenant and canonical arguments), with a TTL. */
public interface ResultCache {
  Optional<JsonNode> get(String key);

  void put(String key, JsonNode value, Duration ttl);

  /** Caches nothing. */
  ResultCache NONE = new ResultCache() {
    @Override
    public Optional<JsonNode> get(String key) {
      return Optional.empty();
    }

    @Override
    public void put(String key, JsonNode value, Duration ttl) {}
  };
}
