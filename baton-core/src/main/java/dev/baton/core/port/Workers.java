package dev.baton.core.port;

/**
 * Where the engine runs work beside the caller: tool calls, planner calls, rounds handed off by
 * timers. On the wall clock each job gets a virtual thread; on virtual time jobs run one after
 * another on the thread that drives the clock.
 */
public interface Workers {
  /** Starts {@code task} under {@code name} (for thread dumps and logs). */
  Job start(String name, Runnable task);

  /**
   * Whether a job may block its thread until another job does something. False on virtual time,
   * where every job runs on one thread: a job waiting there for a person would wait forever.
   */
  default boolean mayBlock() {
    return true;
  }

  /** A started task. */
  interface Job {
    /** Interrupts the task's thread (a task not yet begun never begins). */
    void interrupt();
  }
}
