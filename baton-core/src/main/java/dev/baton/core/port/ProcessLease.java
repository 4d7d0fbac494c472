package dev.baton.core.port;

import java.time.Instant;
import java.util.Objects;

/**
 * A process that runs executions: its id, where it runs ({@code host}, {@code pid}, and when the
 * operating system says it started, so a reused pid is not taken for it), and until when it has
 * promised to be alive. Executions are held per process, so a heartbeat costs one write however
 * many executions wait.
 */
public record ProcessLease(String id, String host, long pid, Instant started, Instant until) {
  public ProcessLease {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(until, "until");
  }

  public boolean aliveAt(Instant now) {
    return until.isAfter(now);
  }

  public ProcessLease renewedUntil(Instant value) {
    return new ProcessLease(id, host, pid, started, value);
  }
}
