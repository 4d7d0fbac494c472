package dev.baton.tools.calendar;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.time.Instant;
import java.util.List;

/** {@code calendar.check_conflicts}: which events clash with a proposed meeting time. */
public final class CheckConflictsTool
    extends TypedTool<CheckConflictsTool.Input, CheckConflictsTool.Output> {
  private final CalendarAgent agent;

  public CheckConflictsTool(CalendarAgent agent) {
    super("calendar.check_conflicts", "Events of the attendees and the owner that overlap a"
        + " proposed meeting time.", Input.class, Output.class, ToolOptions.readOnly().build());
    this.agent = agent;
  }

  /**
   * @param attendees e-mail addresses (the owner is added)
   * @param start ISO date-time of the proposed start
   * @param durationMinutes proposed length
   */
  public record Input(List<String> attendees, String start, int durationMinutes) {}

  /** {@code free} when nothing clashes; each conflict as "person: title start – end". */
  public record Output(boolean free, List<String> conflicts) {}

  @Override
  protected Output run(Input in, ToolContext ctx) throws InterruptedException {
    Instant start = TimeText.parse(in.start(), agent.zone(), "start");
    Interval slot = new Interval(start, start.plus(CalendarAgent.minutes(in.durationMinutes())));
    List<String> conflicts = agent.conflicts(agent.withOwner(in.attendees()), slot);
    return new Output(conflicts.isEmpty(), conflicts);
  }
}
