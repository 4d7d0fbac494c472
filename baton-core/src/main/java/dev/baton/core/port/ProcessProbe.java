package dev.baton.core.port;

/**
 * What this process is (host and pid, for its {@link ProcessLease}) and whether another process
 * is provably dead: on the same host, with its pid gone or taken by a process started at another
 * time. A provably dead holder's executions are taken over at once instead of after its lease.
 */
public interface ProcessProbe {
  /** This host's name; "local" when it cannot be told. */
  String host();

  /** This process's pid; 0 when it cannot be told. */
  long pid();

  /** When the operating system started this process, or null. */
  java.time.Instant started();

  /** True only when {@code other} certainly no longer runs (never a guess). */
  boolean provablyDead(ProcessLease other);

  /** Knows nothing: no process is ever provably dead, so takeovers wait for leases to expire. */
  ProcessProbe NONE = new ProcessProbe() {
    @Override
    public String host() {
      return "local";
    }

    @Override
    public long pid() {
      return 0;
    }

    @Override
    public java.time.Instant started() {
      return null;
    }

    @Override
    public boolean provablyDead(ProcessLease other) {
      return false;
    }
  };
}
