package dev.baton.core.port;

import java.util.Set;

/** Mutual exclusion by resource key (e.g. {@code calendar:team}); implementations avoid deadlock. */
public interface ResourceLocks {
  /** Blocks until every key is held. @throws InterruptedException when the step is cancelled */
  Held acquire(Set<String> keys) throws InterruptedException;

  /** Holding some keys; closing releases them. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
