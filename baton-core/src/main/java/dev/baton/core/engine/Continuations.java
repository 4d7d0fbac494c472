package dev.baton.core.engine;

import dev.baton.core.port.Workers;
import java.util.ArrayDeque;

/**
 * Lets a tool call's thread run the next call its round started, instead of starting a thread for
 * it and ending its own: in a chain of steps each step's thread finishes the step, runs the round
 * that starts the next one, and then runs that one too. Only the first call a round starts is kept
 * for this thread; any other gets a thread of its own.
 */
final class Continuations {
  private static final ThreadLocal<ArrayDeque<Inline>> NEXT = new ThreadLocal<>();

  private Continuations() {}

  /** A call kept for this thread; interrupting it interrupts the thread only while it runs. */
  static final class Inline implements Workers.Job {
    private final Runnable task;
    final String name;
    private volatile Thread running;
    private volatile boolean interrupted;

    Inline(String name, Runnable task) {
      this.name = name;
      this.task = task;
    }

    @Override
    public void interrupt() {
      interrupted = true;
      Thread t = running;
      if (t != null) {
        t.interrupt();
      }
    }

    void run() {
      // why: an interrupt meant for the call before must not reach this one, and the reverse
      Thread.interrupted();
      running = Thread.currentThread();
      try {
        if (interrupted) {
          running.interrupt();
        }
        task.run();
      } finally {
        running = null;
        Thread.interrupted();
      }
    }
  }

  /** Runs {@code first}, then every call kept for this thread meanwhile, in order. */
  static void runHere(Runnable first) {
    ArrayDeque<Inline> next = new ArrayDeque<>(2);
    NEXT.set(next);
    try {
      first.run();
      for (Inline i; (i = next.poll()) != null; ) {
        i.run();
      }
    } finally {
      NEXT.remove();
    }
  }

  /** Whether this thread runs calls (and may carry on into the next one it keeps). */
  static boolean onCallThread() {
    return NEXT.get() != null;
  }

  /** A call that gets a thread of its own once the round that started it has let go. */
  static Inline later(String name, Runnable task) {
    return new Inline(name, task);
  }

  /**
   * Keeps {@code task} for this thread if it is a call's thread that has kept nothing yet, and
   * returns its handle; null if it must get a thread of its own.
   */
  static Inline keep(Runnable task) {
    ArrayDeque<Inline> next = NEXT.get();
    if (next == null || !next.isEmpty()) {
      return null;
    }
    Inline i = new Inline(null, task);
    next.add(i);
    return i;
  }
}
