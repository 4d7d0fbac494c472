package dev.baton.tools.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.Json;
import dev.baton.tools.Contexts;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What every calendar back end must do for the calendar tools, run against the demo calendar:
 * subclasses provide a back end loaded with {@link #demoCalendar()}.
 */
abstract class CalendarToolsContract {
  static final ZoneId TZ = ZoneId.of("Asia/Jerusalem");
  static final LocalDate TODAY = LocalDate.of(2026, 1, 20);
  static final LocalDate SUNDAY = LocalDate.of(2026, 1, 25);
  static final Clock CLOCK = Clock.fixed(TODAY.atTime(8, 0).atZone(TZ).toInstant(), TZ);
  static final String ME = "me@baton.local";
  static final String YOAV = "yoav.cohen@tevuot.co.il";
  static final String NOA = "noa.barak@tevuot.co.il";
  static final String DANA = "dana.katz@tevuot.co.il";

  /** The demo calendar text for {@link #TODAY}. */
  static String demoCalendar() {
    return dev.baton.tools.workspace.DemoWorkspace.calendar(TODAY);
  }

  abstract CalendarBackend backend() throws Exception;

  CalendarAgent agent() throws Exception {
    return new CalendarAgent(backend(), ME, TZ, WorkingHours.ISRAEL, CLOCK);
  }

  JsonNode call(dev.baton.core.tool.Tool tool, Map<String, Object> args, String step)
      throws Exception {
    return tool.call(Json.tree(args), Contexts.of("exec-cal", step));
  }

  @Test
  void freeBusyExpandsTheWeeklySync() throws Exception {
    var out = call(new FreeBusyTool(agent()), Map.of("people", List.of(YOAV),
        "from", "2026-01-25", "to", "2026-02-01"), "fb");
    String yoav = out.get("people").get(1).toString();
    assertThat(yoav).contains("2026-01-26T10:00:00+02:00"); // Monday weekly sync
    assertThat(yoav).contains("2026-01-25T09:00:00+02:00"); // Sunday site visit
  }

  @Test
  void findsTheFirstSlotForThreePeopleNextWeek() throws Exception {
    var out = call(new FindSlotTool(agent()), Map.of("attendees", List.of(YOAV, NOA, DANA),
        "durationMinutes", 60, "notBefore", "2026-01-25"), "slot");
    // Sunday: Yoav+Noa 9-13, me+Dana 13-15 -> 15:00
    assertThat(out.get("start").asString()).isEqualTo("2026-01-25T15:00:00+02:00");
  }

  @Test
  void detectsAConflict() throws Exception {
    var out = call(new CheckConflictsTool(agent()), Map.of("attendees", List.of(YOAV),
        "start", "2026-01-26T10:30", "durationMinutes", 30), "check");
    assertThat(out.get("free").asBoolean()).isFalse();
    assertThat(out.get("conflicts").toString()).contains("Tevuot weekly sync");
  }

  @Test
  void createsOneEventPerStepEvenWhenCalledTwice() throws Exception {
    CalendarAgent agent = agent();
    var tool = new CreateEventTool(agent);
    Map<String, Object> args = Map.of("title", "סקירת דצמבר", "attendees", List.of(YOAV),
        "durationMinutes", 60, "agenda", List.of("סקירת דצמבר", "צעדים הבאים"));
    var first = call(tool, args, "meeting");
    // a crash after the server call but before the engine recorded the result: the same step again
    var second = call(tool, args, "meeting");
    assertThat(first.get("created").asBoolean()).isTrue();
    assertThat(second.get("created").asBoolean()).isFalse();
    assertThat(second.get("uid").asString()).isEqualTo(first.get("uid").asString());
    var from = java.time.Instant.parse("2026-01-19T00:00:00Z");
    long copies = agent.backend().occurrences(from, from.plus(java.time.Duration.ofDays(30)))
        .stream().filter(e -> e.uid().equals(first.get("uid").asString())).count();
    assertThat(copies).isEqualTo(1);
    assertThat(first.get("link").asString()).startsWith("https://");
  }

  @Test
  void createsAtAGivenTimeAndReportsConflicts() throws Exception {
    var out = call(new CreateEventTool(agent()), Map.of("title", "Budget", "attendees",
        List.of(DANA), "start", "2026-01-27T15:00", "durationMinutes", 30), "budget");
    assertThat(out.get("created").asBoolean()).isTrue();
    assertThat(out.get("conflicts").toString()).contains("Budget review");
  }

  @Test
  void thePreviewForApprovalNamesTheSlotTheEventThenGets() throws Exception {
    var tool = new CreateEventTool(agent());
    Map<String, Object> args = Map.of("title", "סקירת דצמבר", "attendees", List.of(YOAV),
        "durationMinutes", 60);
    String preview = tool.preview(Json.tree(args)).orElseThrow();
    var out = call(tool, args, "previewed");
    assertThat(preview).contains("סקירת דצמבר", YOAV, ME, "(the first free slot)")
        .contains(out.get("when").asString());
  }

  @Test
  void thePreviewSaysWhenTheSameMeetingIsAlreadyBookedThatDay() throws Exception {
    CalendarAgent agent = agent();
    var tool = new CreateEventTool(agent);
    Map<String, Object> args = Map.of("title", "סקירת דצמבר", "attendees", List.of(YOAV),
        "start", "2026-01-28T14:00", "durationMinutes", 60);
    assertThat(tool.preview(Json.tree(args)).orElseThrow()).doesNotContain("already has");
    call(tool, args, "first");
    Map<String, Object> later = Map.of("title", "סקירת דצמבר", "attendees", List.of(YOAV),
        "start", "2026-01-28T16:00", "durationMinutes", 60);
    assertThat(tool.preview(Json.tree(later)).orElseThrow())
        .startsWith("NOTE: the calendar already has \u201cסקירת דצמבר\u201d with the same people"
            + " on 2026-01-28 at 14:00");
    Map<String, Object> otherPeople = Map.of("title", "סקירת דצמבר", "attendees",
        List.of("dana@example.com"), "start", "2026-01-28T16:00", "durationMinutes", 60);
    assertThat(tool.preview(Json.tree(otherPeople)).orElseThrow()).doesNotContain("already has");
  }
}
