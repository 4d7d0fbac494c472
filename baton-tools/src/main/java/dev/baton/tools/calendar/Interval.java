package dev.baton.tools.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A half-open span of time [start, end). */
public record Interval(Instant start, Instant end) {
  public Interval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("interval ends before it starts: " + start + ".." + end);
    }
  }

  public boolean overlaps(Interval other) {
    return start.isBefore(other.end) && other.start.isBefore(end);
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  /** The intervals sorted, with overlapping or touching ones joined. */
  public static List<Interval> merge(List<Interval> intervals) {
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparing(Interval::start));
    List<Interval> merged = new ArrayList<>();
    for (Interval i : sorted) {
      if (!merged.isEmpty() && !merged.getLast().end().isBefore(i.start())) {
        Interval last = merged.removeLast();
        merged.add(new Interval(last.start(),
            last.end().isAfter(i.end()) ? last.end() : i.end()));
      } else {
        merged.add(i);
      }
    }
    return merged;
  }
}
