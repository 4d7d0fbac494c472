package dev.baton.core.schedule;

import java.time.Instant;
import java.util.List;

/** The scheduler's answer: commands to carry out now, and when to ask again if nothing else happens. */
public record Decision(List<Command> commands, Instant wakeAt) {
  public Decision {
    commands = List.copyOf(commands);
  }
}
