package dev.baton.tools.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import org.junit.jupiter.api.Test;

/**
 * Reading a calendar with the platform's time zones gives the same events as ical4j's own
 * registry: for a zone the file names without defining it, and for one it defines.
 */
class PlatformTimeZonesTest {
  static final ZoneId TZ = ZoneId.of("Asia/Jerusalem");
  static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant TO = Instant.parse("2028-01-01T00:00:00Z");

  static String calendar(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }

  static List<CalendarEvent> both(String text) throws Exception {
    Calendar ical4j = new CalendarBuilder().build(new StringReader(text));
    List<CalendarEvent> before = IcsCodec.occurrences(ical4j, FROM, TO, TZ);
    List<CalendarEvent> now = IcsCodec.occurrences(IcsCodec.parse(text, "test.ics"), FROM, TO, TZ);
    assertThat(now).isEqualTo(before);
    return now;
  }

  @Test
  void aNamedZoneWithoutADefinitionGivesTheSameTimesAcrossDaylightSaving() throws Exception {
    // why: a weekly meeting over two years crosses every change of Israel's clocks
    List<CalendarEvent> events = both(calendar("BEGIN:VCALENDAR", "VERSION:2.0",
        "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:weekly@test", "DTSTAMP:20250101T000000Z",
        "DTSTART;TZID=Asia/Jerusalem:20260105T100000",
        "DTEND;TZID=Asia/Jerusalem:20260105T110000", "RRULE:FREQ=WEEKLY;BYDAY=MO",
        "SUMMARY:sync", "END:VEVENT", "BEGIN:VEVENT", "UID:once@test",
        "DTSTAMP:20250101T000000Z", "DTSTART;TZID=Europe/London:20260705T090000",
        "DTEND;TZID=Europe/London:20260705T093000", "SUMMARY:call", "END:VEVENT",
        "END:VCALENDAR"));
    assertThat(events).hasSizeGreaterThan(100);
    assertThat(events).extracting(CalendarEvent::start)
        .contains(Instant.parse("2026-01-05T08:00:00Z"), Instant.parse("2026-07-06T07:00:00Z"),
            Instant.parse("2026-07-05T08:00:00Z"));
  }

  @Test
  void aZoneTheCalendarDefinesKeepsItsOwnRules() throws Exception {
    List<CalendarEvent> events = both(calendar("BEGIN:VCALENDAR", "VERSION:2.0",
        "PRODID:-//test//EN", "BEGIN:VTIMEZONE", "TZID:Office Time", "BEGIN:STANDARD",
        "DTSTART:19700101T000000", "TZOFFSETFROM:+0500", "TZOFFSETTO:+0500", "TZNAME:OT",
        "END:STANDARD", "END:VTIMEZONE", "BEGIN:VEVENT", "UID:own@test",
        "DTSTAMP:20250101T000000Z", "DTSTART;TZID=Office Time:20260301T090000",
        "DTEND;TZID=Office Time:20260301T100000", "SUMMARY:own zone", "END:VEVENT",
        "END:VCALENDAR"));
    assertThat(events).extracting(CalendarEvent::start)
        .containsExactly(Instant.parse("2026-03-01T04:00:00Z"));
  }

  @Test
  void anUnknownZoneFailsAsBefore() throws Exception {
    String text = calendar("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT",
        "UID:odd@test", "DTSTAMP:20250101T000000Z", "DTSTART;TZID=Nowhere/Else:20260301T090000",
        "DTEND;TZID=Nowhere/Else:20260301T100000", "SUMMARY:odd", "END:VEVENT",
        "END:VCALENDAR");
    Calendar ical4j = new CalendarBuilder().build(new StringReader(text));
    Throwable before = catchThrowable(() -> IcsCodec.occurrences(ical4j, FROM, TO, TZ));
    assertThat(before).isNotNull();
    assertThat(catchThrowable(() -> IcsCodec.occurrences(IcsCodec.parse(text, "test.ics"), FROM,
        TO, TZ))).isInstanceOf(before.getClass()).hasMessage(before.getMessage());
  }
}
