package dev.baton.tools.calendar;

import dev.baton.core.error.BatonException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the calendar agent reads and writes events. Failures are {@link BatonException}s: retryable
 * when the store is unreachable or busy, permanent when its content or the request is wrong.
 */
public interface CalendarBackend {
  /** Every occurrence overlapping [from, to), recurring events expanded. */
  List<CalendarEvent> occurrences(Instant from, Instant to) throws InterruptedException;

  /** The event with this uid (its first occurrence), if it exists. */
  Optional<CalendarEvent> find(String uid) throws InterruptedException;

  /**
   * Creates the event unless one with its uid exists already.
   *
   * @return true if this call created it, false if it was already there
   */
  boolean create(NewEvent event) throws InterruptedException;
}
