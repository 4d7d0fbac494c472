package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One {@link JdbcExecutionStore#append}: its transaction's work ({@link #write}) and what becomes
 * of the cached state afterwards ({@link #giveBack}).
 *
 * <p>When the cached state is at the seq just before the batch, the append trusts it without
 * reading the database first: the update of the executions row, guarded by that seq, is where
 * the database confirms it (or the append fails with STORE_CONFLICT). So a usual append is the
 * guarded update, one batch of events, and the upserts of the rows the events touched. The
 * events are folded onto the cached state in place; if the transaction fails, that state is
 * dropped and the next append or load reads the log again.
 */
final class Append {
  private final ExecutionId id;
  private final long previousSeq;
  private final List<Event> events;
  /** The cached state, claimed for this append; null if there was none to claim. */
  private final StateCache.Entry cached;
  /** The state being folded: {@link #cached}, or a new one; null until there is one. */
  private StateCache.Entry target;
  /** {@link #cached} holds what the database does not (it is ahead of the log). */
  private boolean cachedStale;

  private final boolean sqlite;

  Append(List<Event> events, StateCache states, boolean sqlite) {
    this.sqlite = sqlite;
    this.events = events;
    this.id = events.getFirst().execution();
    this.previousSeq = events.getFirst().seq() - 1;
    this.cached = previousSeq == 0 ? null : states.claim(id);
  }

  /** The transaction's work: reads as little, and writes only the rows that change. */
  Void write(Statements s) throws SQLException {
    if (cached == null || cached.state().lastSeq() != previousSeq) {
      long last = EventLog.lastSeq(s, id);
      if (last != previousSeq) {
        throw BatonException.of(ErrorCode.STORE_CONFLICT, "execution " + id + " is at event "
            + last + ", not " + previousSeq);
      }
      if (last > 0) {
        catchUp(s.connection(), last);
      }
    } else {
      target = cached;
    }
    Fold fold = Fold.apply(target == null ? null : target.state(),
        target == null ? 0 : target.finishedSteps(), events);
    if (target == null) {
      target = StateCache.claimNew(fold.state, fold.finishedSteps);
    } else {
      target.finishedSteps(fold.finishedSteps);
    }
    Projections.writeExecution(s, fold, previousSeq);
    EventLog.insert(s, events, sqlite);
    Projections.writeDetails(s, fold);
    return null;
  }

  /**
   * Sets {@link #target} to the state after event {@code last}, which the database has and the
   * cache lacks (another writer appended, or nothing is cached): the cached state topped up from
   * the log in place if it is behind, else the log replayed.
   */
  private void catchUp(Connection c, long last) throws SQLException {
    if (cached != null && cached.state().lastSeq() < last) {
      // why: target first, so that a failure from here on drops the half-changed state
      target = cached;
      ExecutionState state = cached.state();
      EventLog.read(c, id, state.lastSeq(), last).forEach(state::apply);
      cached.finishedSteps(state.finishedSteps());
      return;
    }
    cachedStale = cached != null;
    ExecutionState replayed = ExecutionState.replay(EventLog.read(c, id, 0, last));
    target = StateCache.claimNew(replayed, replayed.finishedSteps());
  }

  /**
   * Gives the states back to the cache: the folded one is kept if the transaction committed and
   * dropped if not (it may be half folded, or hold events the database refused); an unused cached
   * state is kept unless it was found stale.
   */
  void giveBack(StateCache states, boolean committed) {
    if (cached != null && cached != target) {
      if (cachedStale) {
        states.drop(cached);
      } else {
        states.keep(cached);
      }
    }
    if (target != null) {
      if (committed) {
        states.keep(target);
      } else {
        states.drop(target);
      }
    }
  }
}
