package dev.baton.bench;

import java.util.List;
import java.util.function.Predicate;

/**
 * An executor taking part in the benchmark: its label in the tables, what kind it is, whether it
 * keeps its state on disk, which workloads it runs, and how to set it up from nothing for a list of
 * workloads (the setup that the setup time measures).
 */
record Entrant(String label, Kind kind, boolean durable, Predicate<Workload> takes,
    SetUp setUp) {

  /** Baton itself, a peer framework, or a baseline that is neither (level-by-level batches). */
  enum Kind { BATON, PEER, BASELINE }

  /** Builds the executor, ready to run the workloads it takes among {@code workloads}. */
  @FunctionalInterface
  interface SetUp {
    Contender open(List<Workload> workloads) throws Exception;
  }

  /** Sets up the executor for the workloads of {@code all} that it takes. */
  Contender open(List<Workload> all) throws Exception {
    return setUp.open(all.stream().filter(takes).toList());
  }
}
