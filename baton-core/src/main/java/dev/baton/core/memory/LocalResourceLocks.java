package dev.baton.core.memory;

import dev.baton.core.port.ResourceLocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * Locks within one process. Keys are taken in sorted order so two steps that need overlapping sets
 * cannot deadlock; a semaphore per key (not a lock) so any thread may release.
 */
public final class LocalResourceLocks implements ResourceLocks {
  private final ConcurrentMap<String, Semaphore> locks = new ConcurrentHashMap<>();

  @Override
  public Held acquire(Set<String> keys) throws InterruptedException {
    List<Semaphore> taken = new ArrayList<>();
    try {
      for (String key : new TreeSet<>(keys)) {
        Semaphore s = locks.computeIfAbsent(key, k -> new Semaphore(1, true));
        s.acquire();
        taken.add(s);
      }
    } catch (InterruptedException e) {
      taken.forEach(Semaphore::release);
      throw e;
    }
    return () -> taken.forEach(Semaphore::release);
  }
}
