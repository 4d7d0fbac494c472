package dev.baton.tools.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The days and the daily window (local time) in which meetings may be placed. */
public record WorkingHours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
  /** Sunday to Thursday, 09:00–18:00: the Israeli working week. */
  public static final WorkingHours ISRAEL = new WorkingHours(
      EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY), LocalTime.of(9, 0), LocalTime.of(18, 0));

  public WorkingHours {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    days = Set.copyOf(days);
    if (days.isEmpty()) {
      throw new IllegalArgumentException("working hours need at least one day");
    }
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("working hours must start before they end");
    }
  }
}
