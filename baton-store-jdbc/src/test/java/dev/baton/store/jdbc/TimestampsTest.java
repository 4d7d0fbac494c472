package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written text of an instant is the formatter's, to the character. */
class TimestampsTest {
  private static final DateTimeFormatter PATTERN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void writesWhatTheFormatterWrites() {
    SplittableRandom random = new SplittableRandom(42);
    long earliest = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long latest = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(earliest, latest + 1),
          random.nextInt(1_000_000_000));
      assertThat(Timestamps.text(t)).isEqualTo(PATTERN.format(t));
    }
  }

  @Test
  void clampsToYearsZeroToNineThousandNineHundredNinetyNine() {
    assertThat(Timestamps.text(Instant.MIN)).isEqualTo("0000-01-01T00:00:00.000000000Z");
    assertThat(Timestamps.text(Instant.MAX)).isEqualTo("9999-12-31T23:59:59.999999999Z");
    assertThat(Timestamps.text(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000000000Z");
    assertThat(Timestamps.text(Instant.parse("2026-01-05T09:00:00.000000123Z")))
        .isEqualTo("2026-01-05T09:00:00.000000123Z");
    assertThat(Timestamps.text(null)).isNull();
  }

  @Test
  void readsBackWhatItWrites() {
    Instant t = Instant.parse("2026-11-25T20:44:38.123456789Z");
    assertThat(Timestamps.instant(Timestamps.text(t))).isEqualTo(t);
  }
}
