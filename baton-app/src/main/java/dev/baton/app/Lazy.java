package dev.baton.app;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A part of Baton made the first time it is asked for, then kept. A failed attempt keeps nothing
 * (the next call tries again); once {@link #close closed}, it makes nothing more. Thread-safe.
 */
final class Lazy<T> {
  private final String what;
  private final Supplier<T> make;
  // why: ReentrantLock, not synchronized: making a part blocks (a database, a folder to index)
  private final ReentrantLock lock = new ReentrantLock();
  private T value;
  private boolean closed;

  Lazy(String what, Supplier<T> make) {
    this.what = what;
    this.make = make;
  }

  /** The part, made now if it was not yet. @throws IllegalStateException once closed */
  T get() {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("Baton is closed: cannot open its " + what);
      }
      if (value == null) {
        value = make.get();
        StartupLog.mark(what);
      }
      return value;
    } finally {
      lock.unlock();
    }
  }

  /** The part if it was made (and not closed); never makes it. */
  Optional<T> ifMade() {
    lock.lock();
    try {
      return closed ? Optional.empty() : Optional.ofNullable(value);
    } finally {
      lock.unlock();
    }
  }

  /** Makes nothing more; returns the part if it was made, for the caller to close. */
  Optional<T> close() {
    lock.lock();
    try {
      closed = true;
      return Optional.ofNullable(value);
    } finally {
      lock.unlock();
    }
  }
}
