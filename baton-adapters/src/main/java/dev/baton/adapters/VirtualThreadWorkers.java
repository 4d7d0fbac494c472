package dev.baton.adapters;

import dev.baton.core.port.Workers;

/** Each job on a virtual thread of its own; interrupting a job interrupts its thread. */
public final class VirtualThreadWorkers implements Workers {
  public static final VirtualThreadWorkers INSTANCE = new VirtualThreadWorkers();

  private VirtualThreadWorkers() {}

  @Override
  public Job start(String name, Runnable task) {
    Thread t = Thread.ofVirtual().name(name).start(task);
    return t::interrupt;
  }
}
