package dev.baton.tools.calendar;

import java.util.List;
import java.util.Locale;

/**
 * Who is busy when, from a calendar's occurrences. The owner of the calendar is busy for every
 * blocking event in it; anyone else for the blocking events they organise or attend.
 */
public final class Busy {
  private Busy() {}

  public static List<Interval> of(List<CalendarEvent> occurrences, String person, String owner) {
    boolean isOwner = person.equalsIgnoreCase(owner);
    return Interval.merge(occurrences.stream()
        .filter(CalendarEvent::busy)
        .filter(e -> isOwner || e.involves(person.toLowerCase(Locale.ROOT)))
        .map(CalendarEvent::interval)
        .toList());
  }

  /** The blocking occurrences involving {@code person} that overlap {@code slot}. */
  public static List<CalendarEvent> conflicts(List<CalendarEvent> occurrences, String person,
      String owner, Interval slot) {
    boolean isOwner = person.equalsIgnoreCase(owner);
    return occurrences.stream()
        .filter(CalendarEvent::busy)
        .filter(e -> isOwner || e.involves(person))
        .filter(e -> e.interval().overlaps(slot))
        .toList();
  }
}
