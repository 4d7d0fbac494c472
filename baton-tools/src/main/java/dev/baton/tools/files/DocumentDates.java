package dev.baton.tools.files;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date a document is about: the date it states in its first lines (2025-12-14 or 14/12/2025,
 * day first as in Israel and Europe), else the creation date in its metadata, else the file's
 * modification time.
 */
final class DocumentDates {
  static final int HEAD = 400;
  private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[./](\\d{1,2})[./](\\d{4})");

  private DocumentDates() {}

  static LocalDate of(String text, Optional<Instant> created, Instant modified, ZoneId zone) {
    String head = text.length() > HEAD ? text.substring(0, HEAD) : text;
    return stated(head).or(() -> created.map(c -> c.atZone(zone).toLocalDate()))
        .orElse(modified.atZone(zone).toLocalDate());
  }

  static Optional<LocalDate> stated(String head) {
    Matcher iso = ISO.matcher(head);
    Matcher dayFirst = DAY_FIRST.matcher(head);
    int isoAt = iso.find() ? iso.start() : Integer.MAX_VALUE;
    if (isoAt < head.length()) {
      // why: only a day-first date starting before the ISO one matters, and such a match is at
      // most 10 characters long, so the rest of the head need not be scanned
      dayFirst.region(0, Math.min(head.length(), isoAt + 10));
    }
    int dfAt = dayFirst.find() ? dayFirst.start() : Integer.MAX_VALUE;
    try {
      if (isoAt < dfAt) {
        return Optional.of(LocalDate.of(Integer.parseInt(iso.group(1)),
            Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3))));
      }
      if (dfAt < Integer.MAX_VALUE) {
        return Optional.of(LocalDate.of(Integer.parseInt(dayFirst.group(3)),
            Integer.parseInt(dayFirst.group(2)), Integer.parseInt(dayFirst.group(1))));
      }
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
