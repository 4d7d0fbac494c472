package dev.baton.tools.calendar;

import dev.baton.core.tool.ToolFailure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times as planners write them: an ISO date, a local date-time, or one with an offset. */
public final class TimeText {
  private static final DateTimeFormatter OUT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private TimeText() {}

  /** Parses {@code 2026-01-25}, {@code 2026-01-25T10:00} or {@code 2026-01-25T10:00+02:00}. */
  public static Instant parse(String text, ZoneId zone, String field) {
    String t = text.strip();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(zone).toInstant();
      }
      if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(t).toInstant();
      }
      return LocalDateTime.parse(t).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw ToolFailure.permanent(field + " '" + text
          + "' is not an ISO date or date-time such as 2026-01-25 or 2026-01-25T10:00", e);
    }
  }

  /** ISO date-time with the zone's offset, minutes precision, e.g. 2026-01-25T10:00:00+02:00. */
  public static String format(Instant t, ZoneId zone) {
    return OUT.format(t.atZone(zone).toOffsetDateTime());
  }
}
