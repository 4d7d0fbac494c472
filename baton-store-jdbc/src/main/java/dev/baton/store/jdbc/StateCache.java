package dev.baton.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The last folded state of recently appended or loaded executions, so an append or a load folds
 * the few new events instead of replaying the whole log. A cached state is only a head start: it is used only up to
 * the seq the database says is last, and the log fills in whatever another writer (or process)
 * added since. Bounded; thread-safe. Cached states are never changed, only replaced.
 */
final class StateCache {
  private final Cache<ExecutionId, ExecutionState> states;

  StateCache(long maxExecutions) {
    this.states = Caffeine.newBuilder().maximumSize(maxExecutions).build();
  }

  /**
   * The state of {@code id} after event {@code lastSeq}: the cached one if it is that far, else the
   * cached one topped up from the log on {@code c}, else the log replayed. The caller must not
   * change it (it may be the cached instance): fold onto a {@link ExecutionState#copy()}.
   */
  ExecutionState at(Connection c, ExecutionId id, long lastSeq) throws SQLException {
    ExecutionState cached = states.getIfPresent(id);
    if (cached != null && cached.lastSeq() == lastSeq) {
      return cached;
    }
    if (cached != null && cached.lastSeq() < lastSeq) {
      ExecutionState state = cached.copy();
      EventLog.read(c, id, state.lastSeq(), lastSeq).forEach(state::apply);
      return state;
    }
    return ExecutionState.replay(EventLog.read(c, id, 0, lastSeq));
  }

  /** Keeps {@code state} unless a later one of the same execution is already kept. */
  void remember(ExecutionState state) {
    states.asMap().merge(state.id(), state,
        (kept, offered) -> offered.lastSeq() > kept.lastSeq() ? offered : kept);
  }
}
