package dev.baton.tools.calendar;

import java.util.List;
import java.util.Locale;

/**
 * Who is busy when, from a calendar's occurrences. A person is busy for the blocking events they
 * organise or attend; the calendar's owner also for private entries (no organiser, no attendees).
 * Other people's events may sit in the same (shared) calendar without blocking the owner.
 */
public final class Busy {
  private Busy() {}

  public static List<Interval> of(List<CalendarEvent> occurrences, String person, String owner) {
    return Interval.merge(occurrences.stream()
        .filter(CalendarEvent::busy)
        .filter(e -> blocks(e, person, owner))
        .map(CalendarEvent::interval)
        .toList());
  }

  /** The blocking occurrences involving {@code person} that overlap {@code slot}. */
  public static List<CalendarEvent> conflicts(List<CalendarEvent> occurrences, String person,
      String owner, Interval slot) {
    return occurrences.stream()
        .filter(CalendarEvent::busy)
        .filter(e -> blocks(e, person, owner))
        .filter(e -> e.interval().overlaps(slot))
        .toList();
  }

  private static boolean blocks(CalendarEvent e, String person, String owner) {
    String p = person.toLowerCase(Locale.ROOT);
    boolean privateEntry = e.organizer().isEmpty() && e.attendees().isEmpty();
    return e.involves(p) || (privateEntry && p.equalsIgnoreCase(owner));
  }
}
