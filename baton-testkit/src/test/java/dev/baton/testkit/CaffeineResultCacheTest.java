package dev.baton.testkit;

import dev.baton.adapters.CaffeineResultCache;
import dev.baton.core.port.ResultCache;
import java.time.InstantSource;

class CaffeineResultCacheTest extends ResultCacheContract {
  @Override
  protected ResultCache newCache(InstantSource clock) {
    return new CaffeineResultCache(100, clock);
  }
}
