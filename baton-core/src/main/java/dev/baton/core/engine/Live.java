package dev.baton.core.engine;

import dev.baton.core.plan.StepId;
import dev.baton.core.port.Workers;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * What this process is doing for one execution beyond what its log says: tool calls running,
 * steps waiting for a lock or a rate limit, previews being made, planners asked. Owned by the
 * execution's actor; rounds read it, the actor changes it as inputs arrive and effects are done.
 */
final class Live {
  /** A tool call in progress: its attempt, its job, the arguments it runs with. */
  record Running(int attempt, Workers.Job job, ObjectNode arguments, Object token) {}

  final Map<StepId, Running> running = new HashMap<>();
  final Map<StepId, Instant> deferred = new HashMap<>();
  final Set<StepId> blocked = new HashSet<>();
  final Set<StepId> preparing = new HashSet<>();
  /** In flight when the process that ran them stopped; their next start says so. */
  final Set<StepId> restarted = new HashSet<>();
  final Set<StepId> replanAsked = new HashSet<>();
  final Set<StepId> replanPending = new HashSet<>();
  boolean planning;

  /** Steps something in this process is busy with (so the scheduler leaves them be). */
  Set<StepId> busy() {
    if (running.isEmpty() && deferred.isEmpty() && blocked.isEmpty() && preparing.isEmpty()) {
      return Set.of();
    }
    Set<StepId> all = new HashSet<>(running.keySet());
    all.addAll(deferred.keySet());
    all.addAll(blocked);
    all.addAll(preparing);
    return all;
  }

  /** Nothing runs or waits here: only a person, a timer or another process can move it on. */
  boolean idle() {
    return running.isEmpty() && deferred.isEmpty() && blocked.isEmpty() && preparing.isEmpty()
        && replanPending.isEmpty() && !planning;
  }

  /** The earliest time a deferred step may try again, or null. */
  Instant nextDeferred() {
    Instant next = null;
    for (Instant t : deferred.values()) {
      next = next == null || t.isBefore(next) ? t : next;
    }
    return next;
  }
}
