package dev.baton.tools.calendar;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code calendar.find_slot}: the first time everyone is free, within working hours. */
public final class FindSlotTool extends TypedTool<FindSlotTool.Input, FindSlotTool.Output> {
  private final CalendarAgent agent;

  public FindSlotTool(CalendarAgent agent) {
    super("calendar.find_slot", "The first slot of the given length in which all attendees"
        + " (e-mail addresses) and the owner are free, within working hours.", Input.class,
        Output.class, ToolOptions.readOnly().build());
    this.agent = agent;
  }

  /**
   * @param attendees e-mail addresses (the owner is added)
   * @param durationMinutes length of the meeting
   * @param notBefore ISO date or date-time; now if absent
   * @param withinDays how far ahead to look; 14 if absent
   */
  public record Input(List<String> attendees, int durationMinutes, Optional<String> notBefore,
      Optional<Integer> withinDays) {}

  /** The slot, as ISO date-times in {@code zone}, and who it suits. */
  public record Output(String start, String end, String zone, List<String> attendees) {}

  @Override
  protected Output run(Input in, ToolContext ctx) throws InterruptedException {
    Instant from = in.notBefore().map(t -> TimeText.parse(t, agent.zone(), "notBefore"))
        .orElseGet(agent::now);
    int days = in.withinDays().orElse(CalendarAgent.DEFAULT_SEARCH_DAYS);
    List<String> people = agent.withOwner(in.attendees());
    Interval slot = agent.firstFree(people, CalendarAgent.minutes(in.durationMinutes()), from, days)
        .orElseThrow(() -> ToolFailure.permanent("no free slot of " + in.durationMinutes()
            + " minutes for " + people + " in the " + days + " days from " + from));
    return new Output(TimeText.format(slot.start(), agent.zone()),
        TimeText.format(slot.end(), agent.zone()), agent.zone().getId(), people);
  }
}
