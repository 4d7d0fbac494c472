package dev.baton.tools.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcsCalendarBackendTest extends CalendarToolsContract {
  @TempDir
  Path root;

  @Override
  CalendarBackend backend() throws Exception {
    Path file = root.resolve("calendar.ics");
    if (!Files.exists(file)) {
      Files.writeString(file, demoCalendar());
    }
    return new IcsCalendarBackend(file, TZ, CLOCK);
  }

  @Test
  void aBrokenIcsIsAPermanentFailureAndIsLeftUntouched() throws Exception {
    Path file = root.resolve("calendar.ics");
    String broken = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID x\r\nEND:VCALENDAR\r\n";
    Files.writeString(file, broken);
    var tool = new CreateEventTool(new CalendarAgent(new IcsCalendarBackend(file, TZ, CLOCK), ME,
        TZ, WorkingHours.ISRAEL, CLOCK));
    assertThatThrownBy(() -> call(tool, Map.of("title", "x", "attendees", List.of(YOAV),
        "start", "2026-01-27T15:00", "durationMinutes", 30), "x"))
        .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("calendar.ics").hasMessageContaining("line");
    assertThat(Files.readString(file)).isEqualTo(broken);
  }

  @Test
  void addingAnEventKeepsTheRestOfTheFileByteForByte() throws Exception {
    var backend = backend();
    String before = Files.readString(root.resolve("calendar.ics"));
    backend.create(new NewEvent("new@x", "New", Instant.parse("2026-01-27T10:00:00Z"),
        Instant.parse("2026-01-27T11:00:00Z"), ME, List.of(), "", ""));
    String after = Files.readString(root.resolve("calendar.ics"));
    assertThat(after).startsWith(before.substring(0, before.lastIndexOf("END:VCALENDAR")))
        .contains("UID:new@x").endsWith("END:VCALENDAR\r\n");
    assertThat(Files.list(root).filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
  }

  @Test
  void aMissingFileIsAnEmptyCalendar() throws Exception {
    var backend = new IcsCalendarBackend(root.resolve("none.ics"), TZ, CLOCK);
    assertThat(backend.occurrences(Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z")))
        .isEmpty();
  }
}
