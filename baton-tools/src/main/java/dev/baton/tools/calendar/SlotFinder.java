package dev.baton.tools.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds the first span of a given length in which nobody is busy, inside working hours in a time
 * zone. Pure: busy intervals in, a slot out. Starts are rounded up to a quarter of an hour so that
 * proposals look like times people choose.
 */
public final class SlotFinder {
  static final Duration GRANULARITY = Duration.ofMinutes(15);

  private final WorkingHours hours;
  private final ZoneId zone;

  public SlotFinder(WorkingHours hours, ZoneId zone) {
    this.hours = hours;
    this.zone = zone;
  }

  /**
   * The earliest slot of {@code length} in [{@code from}, {@code until}) that overlaps none of the
   * busy intervals and lies within one working day; empty if there is none.
   */
  public Optional<Interval> first(Collection<List<Interval>> busyPerPerson, Duration length,
      Instant from, Instant until) {
    List<Interval> all = new ArrayList<>();
    busyPerPerson.forEach(all::addAll);
    List<Interval> busy = Interval.merge(all);
    LocalDate day = from.atZone(zone).toLocalDate();
    LocalDate last = until.atZone(zone).toLocalDate();
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      if (!hours.days().contains(day.getDayOfWeek())) {
        continue;
      }
      Instant open = max(ZonedDateTime.of(day, hours.start(), zone).toInstant(), from);
      Instant close = min(ZonedDateTime.of(day, hours.end(), zone).toInstant(), until);
      Optional<Interval> slot = firstInDay(busy, length, open, close);
      if (slot.isPresent()) {
        return slot;
      }
    }
    return Optional.empty();
  }

  private static Optional<Interval> firstInDay(List<Interval> busy, Duration length, Instant open,
      Instant close) {
    Instant candidate = roundUp(open);
    for (Interval b : busy) {
      if (!b.end().isAfter(candidate)) {
        continue;
      }
      if (!b.start().isBefore(close)) {
        break;
      }
      if (!candidate.plus(length).isAfter(b.start())) {
        return Optional.of(new Interval(candidate, candidate.plus(length)));
      }
      candidate = roundUp(b.end());
    }
    Instant end = candidate.plus(length);
    return end.isAfter(close) ? Optional.empty() : Optional.of(new Interval(candidate, end));
  }

  static Instant roundUp(Instant t) {
    long step = GRANULARITY.toSeconds();
    long s = t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0);
    long rounded = Math.ceilDiv(s, step) * step;
    return Instant.ofEpochSecond(rounded);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
