package dev.baton.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import java.time.Duration;

/**
 * The last folded state of recently appended or loaded executions, so an append folds its few
 * events onto it in place instead of replaying the log or copying the state, and a load copies it
 * instead of replaying. Bounded; thread-safe.
 *
 * <p>A cached state is only a head start, never the truth: it is used only where the database
 * agrees on its last seq, and anything it lacks is read from the log. An {@link Entry} that is in
 * the cache and not claimed always holds a state the database committed. To change one, an append
 * {@linkplain #claim claims} it (nobody else reads or changes it meanwhile), folds onto it, and
 * then {@linkplain #keep keeps} it if its transaction committed or {@linkplain #drop drops} it if
 * not, so a failed append leaves no trace here either.
 */
final class StateCache {
  /**
   * How long an append or a load waits for another append of the same execution to give the cached
   * state back; after that it does without (replays the log). An append holds it for one
   * transaction, so this is only reached when the database stalls.
   */
  static final Duration CLAIM_WAIT = Duration.ofSeconds(1);

  /**
   * One execution's cached state and the count of its finished steps (kept here because counting
   * them is O(steps)). Only the thread that claimed it may read or change {@link #state()} and
   * {@link #finishedSteps()}; its monitor guards the claim.
   */
  static final class Entry {
    private final ExecutionId id;
    private final ExecutionState state;
    private int finishedSteps;
    private boolean claimed;
    private boolean dropped;

    private Entry(ExecutionState state, int finishedSteps, boolean claimed) {
      this.id = state.id();
      this.state = state;
      this.finishedSteps = finishedSteps;
      this.claimed = claimed;
    }

    ExecutionState state() {
      return state;
    }

    int finishedSteps() {
      return finishedSteps;
    }

    void finishedSteps(int count) {
      this.finishedSteps = count;
    }

    /** Waits up to {@code wait} nanoseconds for the claim to end; true if free and not dropped. */
    private synchronized boolean awaitFree(long wait) {
      long deadline = System.nanoTime() + wait;
      boolean interrupted = false;
      try {
        while (claimed && !dropped) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          try {
            wait(Math.max(1, left / 1_000_000));
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        return !dropped;
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private synchronized boolean tryClaim(long wait) {
      if (!awaitFree(wait)) {
        return false;
      }
      claimed = true;
      return true;
    }

    private synchronized ExecutionState copyIfFree(long wait) {
      return awaitFree(wait) ? state.copy() : null;
    }

    /** True if a committed state at {@code seq} should take this entry's place. */
    private synchronized boolean replaceableBy(long seq) {
      return dropped || (!claimed && state.lastSeq() < seq);
    }

    private synchronized void release(boolean drop) {
      claimed = false;
      dropped |= drop;
      notifyAll();
    }
  }

  private final Cache<ExecutionId, Entry> entries;
  private final long claimWait;

  /**
   * @param claimWait how long to wait for another append's claim: {@link #CLAIM_WAIT}, or less in
   *     tests
   */
  StateCache(long maxExecutions, Duration claimWait) {
    this.entries = Caffeine.newBuilder().maximumSize(maxExecutions).build();
    this.claimWait = claimWait.toNanos();
  }

  /**
   * The cached state of {@code id}, claimed by the caller, who must {@link #keep} or {@link #drop}
   * it; null if none is cached or another append did not give it back in time.
   */
  Entry claim(ExecutionId id) {
    Entry e = entries.getIfPresent(id);
    return e != null && e.tryClaim(claimWait) ? e : null;
  }

  /** A claimed entry for a state that is not cached yet; {@link #keep} caches it. */
  static Entry claimNew(ExecutionState state, int finishedSteps) {
    return new Entry(state, finishedSteps, true);
  }

  /**
   * Gives back a claimed entry whose state the database holds (its append committed, or it was
   * not changed). It becomes the cached state of its execution unless a later one is cached.
   */
  void keep(Entry e) {
    // why: usually e is the cached entry already, and a look-up costs less than a compute
    if (entries.getIfPresent(e.id) != e) {
      long seq = e.state.lastSeq();
      entries.asMap().compute(e.id, (id, kept) -> kept == null || kept == e
          || kept.replaceableBy(seq) ? e : kept);
    }
    e.release(false);
  }

  /** Gives back a claimed entry whose state may not be what the database holds: it is forgotten. */
  void drop(Entry e) {
    e.release(true);
    entries.asMap().remove(e.id, e);
  }

  /**
   * A copy of the cached state of {@code id}, which the database committed (its last seq may be
   * behind the database's, never ahead); null if none is cached or another append did not give it
   * back in time. The caller may change the copy.
   */
  ExecutionState copy(ExecutionId id) {
    Entry e = entries.getIfPresent(id);
    return e == null ? null : e.copyIfFree(claimWait);
  }

  /** Caches {@code state}, which the database committed, unless a later one is cached. */
  void remember(ExecutionState state) {
    Entry offered = new Entry(state, state.finishedSteps(), false);
    long seq = state.lastSeq();
    entries.asMap().compute(state.id(), (id, kept) -> kept == null || kept.replaceableBy(seq)
        ? offered : kept);
  }
}
