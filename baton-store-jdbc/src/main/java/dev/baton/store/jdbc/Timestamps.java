package dev.baton.store.jdbc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as the text the tables hold: UTC, nanoseconds, always the same width, so comparing the
 * text compares the times on SQLite and PostgreSQL alike, and an instant comes back exactly.
 */
final class Timestamps {
  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** The text of {@code t}, or null for null; times outside years 0–9999 are clamped to them. */
  static String text(Instant t) {
    if (t == null) {
      return null;
    }
    // why: a five-digit year would widen the text and break its order (leases with huge TTLs)
    Instant clamped = t.isBefore(EARLIEST) ? EARLIEST : t.isAfter(LATEST) ? LATEST : t;
    return FORMAT.format(clamped);
  }

  static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
