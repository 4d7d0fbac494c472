package dev.baton.tools.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An event to create. {@code uid} decides identity: creating the same uid twice makes one event. */
public record NewEvent(String uid, String title, Instant start, Instant end, String organizer,
    List<Attendee> attendees, String description, String link) {
  public NewEvent {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    attendees = List.copyOf(attendees);
    description = description == null ? "" : description;
    link = link == null ? "" : link;
  }

  /** A person invited, by address and (optional, may be empty) display name. */
  public record Attendee(String email, String name) {}
}
