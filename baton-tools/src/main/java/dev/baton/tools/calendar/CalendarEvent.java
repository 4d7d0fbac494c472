package dev.baton.tools.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One occurrence of an event (a recurring event yields one per occurrence, all with the same uid).
 * Addresses are lower-case e-mail addresses without {@code mailto:}.
 *
 * @param busy false for events marked transparent (they do not block time)
 */
public record CalendarEvent(String uid, String title, Instant start, Instant end, String organizer,
    List<String> attendees, boolean busy, String description) {
  public CalendarEvent {
    attendees = List.copyOf(attendees);
    organizer = organizer == null ? "" : organizer;
    description = description == null ? "" : description;
  }

  public Interval interval() {
    return new Interval(start, end);
  }

  /** Whether {@code person} organises or attends this event. */
  public boolean involves(String person) {
    String p = person.toLowerCase(Locale.ROOT);
    return organizer.equals(p) || attendees.contains(p);
  }
}
