package dev.baton.core.error;

import java.util.Objects;

/**
 * One thing wrong with an input, and where: {@code location} is a path a person can follow, such as
 * {@code steps[2].args/attendees/0} or {@code $.steps}.
 */
public record Problem(String location, String message) {
  public Problem {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return location + ": " + message;
  }
}
