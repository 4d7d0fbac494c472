package dev.baton.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers, durations and times for people. */
public final class Format {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss",
      Locale.ROOT);
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern(
      "yyyy-MM-dd HH:mm", Locale.ROOT);

  private Format() {}

  /** 850 ms, 7.2 s, 3 min 5 s, 2 h 4 min. */
  public static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return BigDecimal.valueOf(ms).divide(BigDecimal.valueOf(1000), 1, RoundingMode.HALF_UP)
          .toPlainString() + " s";
    }
    long s = ms / 1000;
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }

  public static String time(Instant at, ZoneId zone) {
    return at == null ? "" : TIME.format(at.atZone(zone));
  }

  public static String dateTime(Instant at, ZoneId zone) {
    return at == null ? "" : DATE_TIME.format(at.atZone(zone));
  }

  /** Whole numbers with thousands separators: 3,421. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Dollars: $0.0123 below a cent, else two decimals. */
  public static String dollars(double amount) {
    if (amount == 0) {
      return "$0";
    }
    return amount < 0.01 ? String.format(Locale.ROOT, "$%.4f", amount)
        : String.format(Locale.ROOT, "$%.2f", amount);
  }
}
