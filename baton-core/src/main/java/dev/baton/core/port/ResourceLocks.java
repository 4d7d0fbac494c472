package dev.baton.core.port;

import java.util.Set;

/**
 * Mutual exclusion by resource key (e.g. {@code calendar:team}), without blocking: a step that
 * cannot have its keys now is told when to try again, so no thread waits on a lock (and the same
 * engine runs on virtual time). Implementations take all keys or none, so there is no deadlock.
 */
public interface ResourceLocks {
  /**
   * Takes every key at once and returns the hold; or, if some key is held, takes none, returns
   * null, and runs {@code onFree} once as soon as a key it waited for is released (it must not
   * block: it only asks for another try).
   */
  Held tryAcquire(Set<String> keys, Runnable onFree);

  /** Holding some keys; closing releases them. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
