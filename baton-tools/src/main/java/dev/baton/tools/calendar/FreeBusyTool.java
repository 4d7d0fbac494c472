package dev.baton.tools.calendar;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code calendar.free_busy}: when each person is busy in a range, recurring events expanded. */
public final class FreeBusyTool extends TypedTool<FreeBusyTool.Input, FreeBusyTool.Output> {
  private final CalendarAgent agent;

  public FreeBusyTool(CalendarAgent agent) {
    super("calendar.free_busy", "Busy times of people (e-mail addresses) between two dates;"
        + " the calendar owner is always included.", Input.class, Output.class,
        ToolOptions.readOnly().build());
    this.agent = agent;
  }

  /**
   * @param people e-mail addresses
   * @param from ISO date or date-time, e.g. 2026-01-25
   * @param to ISO date or date-time (exclusive)
   */
  public record Input(List<String> people, String from, String to) {}

  /** Busy spans per person; times are ISO date-times in {@code zone}. */
  public record Output(String zone, List<PersonBusy> people) {}

  /** One person's merged busy spans. */
  public record PersonBusy(String person, List<Span> busy) {}

  /** A span of time as ISO date-times with offset. */
  public record Span(String start, String end) {}

  @Override
  protected Output run(Input in, ToolContext ctx) throws InterruptedException {
    Instant from = TimeText.parse(in.from(), agent.zone(), "from");
    Instant to = TimeText.parse(in.to(), agent.zone(), "to");
    List<String> people = agent.withOwner(in.people());
    List<List<Interval>> busy = agent.busy(people, from, to);
    List<PersonBusy> out = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      out.add(new PersonBusy(people.get(i), busy.get(i).stream()
          .map(b -> new Span(TimeText.format(b.start(), agent.zone()),
              TimeText.format(b.end(), agent.zone())))
          .toList()));
    }
    return new Output(agent.zone().getId(), out);
  }
}
