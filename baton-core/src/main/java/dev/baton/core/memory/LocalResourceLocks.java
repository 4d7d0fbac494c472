package dev.baton.core.memory;

import dev.baton.core.port.ResourceLocks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Resource locks within one process: all keys or none, never blocking; whoever found a key taken
 * is called back (once) when it is released. Thread-safe.
 */
public final class LocalResourceLocks implements ResourceLocks {
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<String> held = new HashSet<>();
  private final Map<String, List<Runnable>> waiting = new HashMap<>();

  @Override
  public Held tryAcquire(Set<String> keys, Runnable onFree) {
    if (keys.isEmpty()) {
      return () -> { };
    }
    lock.lock();
    try {
      for (String k : keys) {
        if (held.contains(k)) {
          waiting.computeIfAbsent(k, x -> new ArrayList<>()).add(onFree);
          return null;
        }
      }
      held.addAll(keys);
    } finally {
      lock.unlock();
    }
    return new Hold(Set.copyOf(keys));
  }

  private final class Hold implements Held {
    private final Set<String> keys;
    private boolean closed;

    Hold(Set<String> keys) {
      this.keys = keys;
    }

    @Override
    public void close() {
      List<Runnable> wake = new ArrayList<>();
      lock.lock();
      try {
        if (closed) {
          return;
        }
        closed = true;
        held.removeAll(keys);
        for (String k : keys) {
          List<Runnable> w = waiting.remove(k);
          if (w != null) {
            wake.addAll(w);
          }
        }
      } finally {
        lock.unlock();
      }
      // why: outside the lock, so a woken step that tries again at once does not deadlock
      wake.forEach(Runnable::run);
    }
  }
}
