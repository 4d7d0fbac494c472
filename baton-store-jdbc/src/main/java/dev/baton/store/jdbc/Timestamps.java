package dev.baton.store.jdbc;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants as the text the tables hold: UTC, nanoseconds, always the same width, so comparing the
 * text compares the times on SQLite and PostgreSQL alike, and an instant comes back exactly.
 */
final class Timestamps {
  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** The width of every text: {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'} in UTC. */
  private static final int WIDTH = "0000-01-01T00:00:00.000000000Z".length();

  private Timestamps() {}

  /** The text of {@code t}, or null for null; times outside years 0–9999 are clamped to them. */
  static String text(Instant t) {
    if (t == null) {
      return null;
    }
    // why: a five-digit year would widen the text and break its order (leases with huge TTLs)
    Instant clamped = t.isBefore(EARLIEST) ? EARLIEST : t.isAfter(LATEST) ? LATEST : t;
    // why: written by hand because an append writes several and a DateTimeFormatter costs about a
    // microsecond each; TimestampsTest checks it writes what the pattern above would
    LocalDateTime d = LocalDateTime.ofEpochSecond(clamped.getEpochSecond(), clamped.getNano(),
        ZoneOffset.UTC);
    char[] text = new char[WIDTH];
    digits(text, 0, d.getYear(), 4);
    text[4] = '-';
    digits(text, 5, d.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, d.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, d.getHour(), 2);
    text[13] = ':';
    digits(text, 14, d.getMinute(), 2);
    text[16] = ':';
    digits(text, 17, d.getSecond(), 2);
    text[19] = '.';
    digits(text, 20, d.getNano(), 9);
    text[29] = 'Z';
    return new String(text);
  }

  private static void digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
