package dev.baton.adapters;

import dev.baton.core.engine.Engine;
import dev.baton.core.port.ExecutionStore;
import dev.baton.core.tool.ToolCatalog;

/**
 * Engines on the wall clock, the way an application embeds Baton: virtual threads, a Caffeine
 * cache in front of the store's durable one, Bucket4j rate limits, and this host's process probe.
 */
public final class Engines {
  private Engines() {}

  public static Engine.Builder builder(ExecutionStore store, ToolCatalog catalog) {
    WallClock clock = WallClock.shared();
    return Engine.builder(store, catalog, clock, VirtualThreadWorkers.INSTANCE)
        .cache(new TieredResultCache(new CaffeineResultCache(10_000, clock), store.cache()))
        .rateLimiter(new Bucket4jRateLimiter(clock))
        .probe(LocalProcessProbe.INSTANCE);
  }
}
