package dev.baton.core.memory;

import dev.baton.core.exec.ExecutionId;
import dev.baton.core.feedback.Feedback;
import dev.baton.core.feedback.FeedbackStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/** Ratings kept in memory, for tests and embedded runs with no history. Thread-safe. */
public final class InMemoryFeedbackStore implements FeedbackStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Feedback> all = new ArrayList<>();

  @Override
  public void record(Feedback feedback) {
    lock.lock();
    try {
      all.removeIf(f -> f.tenant().equals(feedback.tenant())
          && f.execution().equals(feedback.execution()) && Objects.equals(f.by(), feedback.by()));
      all.add(feedback);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Feedback> of(String tenant, ExecutionId execution) {
    lock.lock();
    try {
      return all.stream().filter(f -> f.tenant().equals(tenant) && f.execution().equals(execution))
          .sorted(Comparator.comparing(Feedback::at)).toList();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Feedback> recent(String tenant, int limit) {
    lock.lock();
    try {
      return all.stream().filter(f -> f.tenant().equals(tenant))
          .sorted(Comparator.comparing(Feedback::at).reversed()).limit(limit).toList();
    } finally {
      lock.unlock();
    }
  }
}
