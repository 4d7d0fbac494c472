package dev.baton.tools.calendar;

import dev.baton.core.tool.ToolFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the calendar tools share: the back end, the owner, the time zone and working hours, and the
 * clock that says what "now" is. The scheduling decisions themselves are pure ({@link SlotFinder},
 * {@link Busy}); this class only fetches the occurrences they need.
 */
public final class CalendarAgent {
  static final int DEFAULT_SEARCH_DAYS = 14;

  private final CalendarBackend backend;
  private final String owner;
  private final ZoneId zone;
  private final WorkingHours hours;
  private final Clock clock;

  public CalendarAgent(CalendarBackend backend, String owner, ZoneId zone, WorkingHours hours,
      Clock clock) {
    this.backend = backend;
    this.owner = owner.toLowerCase(Locale.ROOT);
    this.zone = zone;
    this.hours = hours;
    this.clock = clock;
  }

  public CalendarBackend backend() {
    return backend;
  }

  public ZoneId zone() {
    return zone;
  }

  public String owner() {
    return owner;
  }

  public Instant now() {
    return clock.instant();
  }

  /** The owner and the given people, lower-cased, each once; refuses what is not an address. */
  List<String> withOwner(List<String> people) {
    Set<String> all = new LinkedHashSet<>();
    all.add(owner);
    for (String p : people) {
      all.add(address(p));
    }
    return List.copyOf(all);
  }

  static String address(String person) {
    String p = person.strip().toLowerCase(Locale.ROOT);
    if (p.startsWith("mailto:")) {
      p = p.substring(7);
    }
    if (!p.matches("[^@\\s]+@[^@\\s]+")) {
      throw ToolFailure.permanent("'" + person + "' is not an e-mail address;"
          + " look the person up with contacts.find first");
    }
    return p;
  }

  /** Busy intervals of each person in [from, to), in the order given. */
  List<List<Interval>> busy(List<String> people, Instant from, Instant to)
      throws InterruptedException {
    List<CalendarEvent> occurrences = backend.occurrences(from, to);
    List<List<Interval>> out = new ArrayList<>();
    for (String p : people) {
      out.add(Busy.of(occurrences, p, owner));
    }
    return out;
  }

  /** The first slot free for everyone (owner included) from {@code from} within {@code days}. */
  Optional<Interval> firstFree(List<String> people, Duration length, Instant from, int days)
      throws InterruptedException {
    Instant until = from.plus(Duration.ofDays(days));
    return new SlotFinder(hours, zone).first(busy(people, from, until), length, from, until);
  }

  /** For each person, the blocking events overlapping the slot. */
  List<String> conflicts(List<String> people, Interval slot) throws InterruptedException {
    List<CalendarEvent> occurrences = backend.occurrences(slot.start(), slot.end());
    List<String> out = new ArrayList<>();
    for (String p : people) {
      for (CalendarEvent e : Busy.conflicts(occurrences, p, owner, slot)) {
        out.add(p + ": " + e.title() + " " + TimeText.format(e.start(), zone) + " – "
            + TimeText.format(e.end(), zone));
      }
    }
    return out;
  }

  static Duration minutes(int durationMinutes) {
    if (durationMinutes < 5 || durationMinutes > 24 * 60) {
      throw ToolFailure.permanent("durationMinutes must be between 5 and 1440, was "
          + durationMinutes);
    }
    return Duration.ofMinutes(durationMinutes);
  }
}
