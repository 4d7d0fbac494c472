package dev.baton.core.memory;

import dev.baton.core.feedback.ResolutionMemory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** Answers remembered in memory, for tests and runs with no store. Thread-safe. */
public final class InMemoryResolutionMemory implements ResolutionMemory {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Resolution> all = new ArrayList<>();

  @Override
  public void remember(Resolution r) {
    lock.lock();
    try {
      all.removeIf(x -> x.tenant().equals(r.tenant()) && x.name().equals(r.name())
          && x.intents().equals(r.intents()));
      all.add(r);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Resolution> recall(String tenant, String name, String intents) {
    lock.lock();
    try {
      return all.stream().filter(x -> x.tenant().equals(tenant) && x.name().equals(name)
          && x.intents().equals(intents)).findFirst();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Resolution> list(String tenant) {
    lock.lock();
    try {
      return all.stream().filter(x -> x.tenant().equals(tenant))
          .sorted(Comparator.comparing(Resolution::at).reversed()).toList();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int forget(String tenant, String name) {
    lock.lock();
    try {
      List<Resolution> gone = new ArrayList<>(all.stream()
          .filter(x -> x.tenant().equals(tenant) && x.name().equals(name)).toList());
      all.removeAll(gone);
      return gone.size();
    } finally {
      lock.unlock();
    }
  }
}
