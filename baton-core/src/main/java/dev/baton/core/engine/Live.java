package dev.baton.core.engine;

import dev.baton.core.exec.ApprovalId;
import dev.baton.core.plan.StepId;
import dev.baton.core.port.Workers;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What this process is doing for one execution beyond what its log says: tool calls running,
 * steps waiting for a lock or a rate limit, previews being made, planners asked. Owned by the
 * execution's actor; rounds read it, the actor changes it as inputs arrive and effects are done.
 */
final class Live {
  /**
   * A tool call in progress: its attempt, its job, the arguments it runs with, and when it times
   * out (null while it waits for a person's answer: that time is not the call's).
   */
  record Running(int attempt, Workers.Job job, ObjectNode arguments, Object token,
      Instant deadline) {
    /** The same call with another deadline (null: none). */
    Running withDeadline(Instant d) {
      return new Running(attempt, job, arguments, token, d);
    }
  }

  /**
   * A call waiting for a person's answer to its question, with what was left of its timeout when
   * it asked.
   */
  record Asking(StepId step, CompletableFuture<Optional<JsonNode>> reply,
      java.time.Duration timeLeft) {}

  final Map<StepId, Running> running = new HashMap<>();
  final Map<StepId, Instant> deferred = new HashMap<>();
  /** Questions running calls asked, by question: each call waits for its answer. */
  final Map<ApprovalId, Asking> asking = new HashMap<>();
  final Set<StepId> blocked = new HashSet<>();
  /**
   * Running steps told to try again before their attempt reported itself blocked: the gate
   * freed up between the attempt finding it taken and saying so.
   */
  final Set<StepId> retryBeforeBlocked = new HashSet<>();
  final Set<StepId> preparing = new HashSet<>();
  /** In flight when the process that ran them stopped; their next start says so. */
  final Set<StepId> restarted = new HashSet<>();
  final Set<StepId> replanAsked = new HashSet<>();
  final Set<StepId> replanPending = new HashSet<>();
  boolean planning;

  /**
   * Steps something in this process is busy with (so the scheduler leaves them be), plus
   * {@code also}: a view, not a copy (a round asks many times and changes nothing here). The
   * parts are disjoint: a step is in at most one of them.
   */
  Set<StepId> busy(Set<StepId> also) {
    return new java.util.AbstractSet<>() {
      @Override
      public boolean contains(Object o) {
        return running.containsKey(o) || deferred.containsKey(o) || blocked.contains(o)
            || preparing.contains(o) || also.contains(o);
      }

      @Override
      public int size() {
        return running.size() + deferred.size() + blocked.size() + preparing.size()
            + also.size();
      }

      @Override
      public java.util.Iterator<StepId> iterator() {
        return java.util.stream.Stream.of(running.keySet(), deferred.keySet(), blocked,
            preparing, also).flatMap(Set::stream).iterator();
      }
    };
  }

  /** Nothing runs or waits here: only a person, a timer or another process can move it on. */
  boolean idle() {
    return running.isEmpty() && deferred.isEmpty() && blocked.isEmpty() && preparing.isEmpty()
        && replanPending.isEmpty() && !planning;
  }

  /** Whether a call of {@code step} waits for a person's answer other than {@code question}. */
  boolean askingBesides(StepId step, ApprovalId question) {
    for (var e : asking.entrySet()) {
      if (e.getValue().step().equals(step) && !e.getKey().equals(question)) {
        return true;
      }
    }
    return false;
  }

  /** The earliest deadline of a running call, or null. */
  Instant nextDeadline() {
    Instant next = null;
    for (Running r : running.values()) {
      if (r.deadline() != null) {
        next = next == null || r.deadline().isBefore(next) ? r.deadline() : next;
      }
    }
    return next;
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
