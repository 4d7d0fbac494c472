package dev.baton.bench;

import java.time.Duration;

/**
 * One run of a workload by one executor: its wall time, how many of its steps succeeded, and (for
 * Baton) how many store appends, each one transaction, it made; zero where not counted.
 */
record Run(Duration wall, int steps, int succeeded, long commits) {
  Run(Duration wall, int steps, int succeeded) {
    this(wall, steps, succeeded, 0);
  }

  boolean ok() {
    return succeeded == steps;
  }
}
