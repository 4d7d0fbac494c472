package dev.baton.bench;

/**
 * One executor (Baton, a peer framework or a baseline) set up to run a fixed list of workloads:
 * everything a user would build before the first run is built when it is opened, so that
 * {@link #run} measures a run and nothing else.
 */
interface Contender extends AutoCloseable {

  /** Runs the workload once, from start to end, and takes its result. */
  Run run(Workload w) throws Exception;

  @Override
  void close();
}
