package dev.baton.core.port;

import dev.baton.core.exec.Event;

/**
 * An event as the store holds it: with its {@code position}, which rises across all executions in
 * the order the store committed them, so a reader that remembers the last position it saw (a
 * tenant's live stream, a process's watcher) misses nothing and sees nothing twice.
 */
public record StoredEvent(long position, Event event) {}
