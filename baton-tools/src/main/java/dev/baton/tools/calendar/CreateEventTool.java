package dev.baton.tools.calendar;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code calendar.create_event}: creates a meeting with attendees, an agenda and a meeting link.
 * Idempotent per execution and step: the event's uid is derived from the idempotency key, so a retry
 * after a crash finds the event it made instead of making a second one.
 */
public final class CreateEventTool extends TypedTool<CreateEventTool.Input, CreateEventTool.Output> {
  static final String LINK_BASE = "https://meet.jit.si/baton-";

  private final CalendarAgent agent;

  public CreateEventTool(CalendarAgent agent) {
    super("calendar.create_event", "Creates a meeting with the attendees (e-mail addresses),"
        + " an agenda and a meeting link. Without a start, takes the first slot free for all.",
        Input.class, Output.class, ToolOptions.sideEffecting().build());
    this.agent = agent;
  }

  /**
   * @param title the meeting's title
   * @param attendees e-mail addresses (the owner organises)
   * @param start ISO date-time; if absent, the first free slot from now
   * @param durationMinutes length of the meeting
   * @param agenda agenda items, in order
   * @param meetingLink a video link; one is made up if absent
   */
  public record Input(String title, List<String> attendees, Optional<String> start,
      int durationMinutes, Optional<List<String>> agenda, Optional<String> meetingLink) {}

  /**
   * The event. {@code when} is a human-readable time; {@code created} is false when a previous
   * attempt of the same step had already created it; {@code conflicts} lists clashing events.
   */
  public record Output(String uid, String title, String start, String end, String when,
      String link, List<String> attendees, boolean created, List<String> conflicts) {}

  @Override
  protected Set<String> resourcesOf(Input input) {
    return Set.of("calendar:" + agent.owner());
  }

  @Override
  protected Output run(Input in, ToolContext ctx) throws InterruptedException {
    String uid = uidFor(ctx.idempotencyKey());
    List<String> people = agent.withOwner(in.attendees());
    var existing = agent.backend().find(uid);
    if (existing.isPresent()) {
      ctx.log().info("event " + uid + " already exists; not creating it again");
      var e = existing.get();
      return output(uid, e.title(), new Interval(e.start(), e.end()), linkIn(in, uid), people,
          false, List.of());
    }
    Duration length = CalendarAgent.minutes(in.durationMinutes());
    Interval slot;
    List<String> conflicts = List.of();
    if (in.start().isPresent()) {
      Instant start = TimeText.parse(in.start().get(), agent.zone(), "start");
      slot = new Interval(start, start.plus(length));
      conflicts = agent.conflicts(people, slot);
    } else {
      slot = agent.firstFree(people, length, agent.now(), CalendarAgent.DEFAULT_SEARCH_DAYS)
          .orElseThrow(() -> ToolFailure.permanent("no free slot of " + in.durationMinutes()
              + " minutes for " + people + " in the next "
              + CalendarAgent.DEFAULT_SEARCH_DAYS + " days"));
    }
    String link = linkIn(in, uid);
    List<NewEvent.Attendee> attendees = new ArrayList<>();
    for (String p : people.subList(1, people.size())) {
      attendees.add(new NewEvent.Attendee(p, ""));
    }
    NewEvent event = new NewEvent(uid, in.title(), slot.start(), slot.end(), agent.owner(),
        attendees, description(in.agenda().orElse(List.of()), link), link);
    boolean created = agent.backend().create(event);
    return output(uid, in.title(), slot, link, people, created, conflicts);
  }

  /**
   * The event as it would be made now: title, time (the first free slot when none is given) and
   * who is invited, so the person approving knows when the meeting will be.
   */
  @Override
  protected Optional<String> previewOf(Input in) {
    List<String> people = agent.withOwner(in.attendees());
    Duration length = CalendarAgent.minutes(in.durationMinutes());
    String when;
    String twin = "";
    try {
      Interval slot;
      if (in.start().isPresent()) {
        Instant start = TimeText.parse(in.start().get(), agent.zone(), "start");
        slot = new Interval(start, start.plus(length));
        List<String> clashes = agent.conflicts(people, slot);
        when = describe(slot) + (clashes.isEmpty() ? "" : " — clashes with " + clashes);
      } else {
        slot = agent.firstFree(people, length, agent.now(), CalendarAgent.DEFAULT_SEARCH_DAYS)
            .orElse(null);
        when = slot == null ? "no free slot in the next " + CalendarAgent.DEFAULT_SEARCH_DAYS
            + " days" : describe(slot) + " (the first free slot)";
      }
      if (slot != null) {
        twin = sameMeetingThatDay(in.title(), people, slot);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    return Optional.of(twin + "\u201c" + in.title() + "\u201d, " + when + ", with "
        + String.join(", ", people));
  }

  /**
   * A warning when the calendar already has a meeting with the same title and the same people on
   * the slot's day (for example the demo run a second time), so a person does not book a second
   * one without knowing; empty otherwise.
   */
  private String sameMeetingThatDay(String title, List<String> people, Interval slot)
      throws InterruptedException {
    java.time.LocalDate day = slot.start().atZone(agent.zone()).toLocalDate();
    Instant from = day.atStartOfDay(agent.zone()).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(agent.zone()).toInstant();
    java.util.Set<String> wanted = new java.util.TreeSet<>(people);
    for (CalendarEvent e : agent.backend().occurrences(from, to)) {
      java.util.Set<String> theirs = new java.util.TreeSet<>(e.attendees());
      if (!e.organizer().isEmpty()) {
        theirs.add(e.organizer());
      }
      theirs.add(agent.owner());
      if (e.title().strip().equalsIgnoreCase(title.strip()) && theirs.equals(wanted)) {
        return "NOTE: the calendar already has \u201c" + e.title() + "\u201d with the same people"
            + " on " + day + " at " + e.start().atZone(agent.zone()).toLocalTime()
            + "; approving books a second one. ";
      }
    }
    return "";
  }

  private String describe(Interval slot) {
    return slot.start().atZone(agent.zone()).toLocalDate() + " "
        + slot.start().atZone(agent.zone()).toLocalTime() + "–"
        + slot.end().atZone(agent.zone()).toLocalTime() + " (" + agent.zone().getId() + ")";
  }

  private Output output(String uid, String title, Interval slot, String link, List<String> people,
      boolean created, List<String> conflicts) {
    String when = describe(slot);
    return new Output(uid, title, TimeText.format(slot.start(), agent.zone()),
        TimeText.format(slot.end(), agent.zone()), when, link, people, created, conflicts);
  }

  /** The event uid for an idempotency key: the same key always gives the same uid. */
  public static String uidFor(String idempotencyKey) {
    UUID id = UUID.nameUUIDFromBytes(("baton-event:" + idempotencyKey)
        .getBytes(StandardCharsets.UTF_8));
    return id + "@baton";
  }

  private static String linkIn(Input in, String uid) {
    return in.meetingLink().filter(l -> !l.isBlank()).orElseGet(() ->
        LINK_BASE + uid.substring(0, uid.indexOf('@')));
  }

  private static String description(List<String> agenda, String link) {
    StringBuilder sb = new StringBuilder();
    if (!agenda.isEmpty()) {
      sb.append("Agenda / סדר יום:\n");
      for (int i = 0; i < agenda.size(); i++) {
        sb.append(i + 1).append(". ").append(agenda.get(i)).append('\n');
      }
      sb.append('\n');
    }
    return sb.append("Meeting link: ").append(link).toString();
  }
}
