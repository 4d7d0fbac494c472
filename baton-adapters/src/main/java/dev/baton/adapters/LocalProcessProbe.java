package dev.baton.adapters;

import dev.baton.core.port.ProcessLease;
import dev.baton.core.port.ProcessProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * This process as the operating system sees it, and whether another process on this host is
 * provably gone: its pid no longer runs, or now belongs to a process started at another time.
 */
public final class LocalProcessProbe implements ProcessProbe {
  public static final LocalProcessProbe INSTANCE = new LocalProcessProbe();
  /** Start times read twice may differ by clock-tick rounding; more than this is another process. */
  private static final Duration SAME_START = Duration.ofSeconds(1);

  private final String host;
  private final long pid;
  private final Instant started;

  private LocalProcessProbe() {
    this.host = readHost();
    this.pid = ProcessHandle.current().pid();
    this.started = ProcessHandle.current().info().startInstant().orElse(null);
  }

  private static String readHost() {
    try {
      String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      if (!h.isEmpty()) {
        return h;
      }
    } catch (IOException | RuntimeException e) {
      // why: not Linux, or /proc is not mounted; the environment may still say
    }
    String env = System.getenv("HOSTNAME");
    return env == null || env.isBlank() ? "localhost" : env;
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public Instant started() {
    return started;
  }

  @Override
  public boolean provablyDead(ProcessLease other) {
    if (other.host() == null || !other.host().equals(host) || other.pid() <= 0
        || other.pid() == pid) {
      return false;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(other.pid());
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return true;
    }
    Optional<Instant> start = handle.get().info().startInstant();
    return other.started() != null && start.isPresent()
        && Duration.between(other.started(), start.get()).abs().compareTo(SAME_START) > 0;
  }
}
