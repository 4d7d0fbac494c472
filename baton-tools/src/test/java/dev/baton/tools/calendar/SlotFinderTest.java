package dev.baton.tools.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotFinderTest {
  static final ZoneId TZ = ZoneId.of("Asia/Jerusalem");
  static final LocalDate SUNDAY = LocalDate.of(2026, 1, 25);

  static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(hour, minute).atZone(TZ).toInstant();
  }

  static Interval busy(LocalDate day, int fromHour, int toHour) {
    return new Interval(at(day, fromHour, 0), at(day, toHour, 0));
  }

  @Test
  void findsTheFirstGapAcrossThreeBusyCalendarsWithARecurringMeeting() {
    // a weekly Sunday 12:00-13:00 meeting, expanded by ical4j from an RRULE
    String ics = IcsCodec.calendar("""
        BEGIN:VEVENT\r
        UID:weekly\r
        DTSTAMP:20260101T000000Z\r
        DTSTART;TZID=Asia/Jerusalem:20260104T120000\r
        DTEND;TZID=Asia/Jerusalem:20260104T130000\r
        RRULE:FREQ=WEEKLY;BYDAY=SU\r
        SUMMARY:Weekly\r
        ATTENDEE:mailto:c@x.com\r
        END:VEVENT\r
        """);
    var occurrences = IcsCodec.occurrences(IcsCodec.parse(ics, "test"), at(SUNDAY, 0, 0),
        at(SUNDAY.plusDays(7), 0, 0), TZ);
    assertThat(occurrences).hasSize(1);
    List<Interval> a = List.of(busy(SUNDAY, 9, 11));
    List<Interval> b = List.of(busy(SUNDAY, 10, 12));
    List<Interval> c = Busy.of(occurrences, "c@x.com", "me@x.com");

    var slot = new SlotFinder(WorkingHours.ISRAEL, TZ).first(List.of(a, b, c),
        Duration.ofMinutes(60), at(SUNDAY, 8, 0), at(SUNDAY.plusDays(7), 0, 0));

    assertThat(slot).contains(new Interval(at(SUNDAY, 13, 0), at(SUNDAY, 14, 0)));
  }

  @Test
  void skipsNonWorkingDaysAndRespectsWorkingHours() {
    LocalDate friday = LocalDate.of(2026, 1, 23);
    var slot = new SlotFinder(WorkingHours.ISRAEL, TZ).first(List.of(List.of(
        busy(SUNDAY, 9, 17))), Duration.ofMinutes(90), at(friday, 10, 0),
        at(friday.plusDays(10), 0, 0));
    assertThat(slot).contains(new Interval(at(SUNDAY.plusDays(1), 9, 0),
        at(SUNDAY.plusDays(1), 10, 30)));
  }

  @Test
  void roundsStartsUpToAQuarterHour() {
    var slot = new SlotFinder(WorkingHours.ISRAEL, TZ).first(List.of(List.of(
        new Interval(at(SUNDAY, 9, 0), at(SUNDAY, 9, 7)))), Duration.ofMinutes(30),
        at(SUNDAY, 9, 0), at(SUNDAY, 18, 0));
    assertThat(slot.orElseThrow().start()).isEqualTo(at(SUNDAY, 9, 15));
  }

  @Test
  void saysNothingWhenNoSlotFits() {
    var slot = new SlotFinder(WorkingHours.ISRAEL, TZ).first(List.of(List.of(
        busy(SUNDAY, 9, 18))), Duration.ofMinutes(30), at(SUNDAY, 9, 0), at(SUNDAY, 18, 0));
    assertThat(slot).isEmpty();
  }
}
