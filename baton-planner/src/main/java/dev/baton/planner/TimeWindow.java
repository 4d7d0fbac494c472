package dev.baton.planner;

import dev.baton.core.plan.Title;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The days a request is about, inclusive, with an optional time of day and how to name the span in
 * titles ("December" / "דצמבר"). {@code at} is null when no time was said.
 */
record TimeWindow(LocalDate from, LocalDate to, LocalTime at, Title label) {
  TimeWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(label, "label");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("window ends before it starts: " + from + ".." + to);
    }
  }

  static TimeWindow day(LocalDate day, Title label) {
    return new TimeWindow(day, day, null, label);
  }

  TimeWindow at(LocalTime time) {
    return new TimeWindow(from, to, time, label);
  }

  boolean singleDay() {
    return from.equals(to);
  }

  int days() {
    return (int) ChronoUnit.DAYS.between(from, to) + 1;
  }
}
