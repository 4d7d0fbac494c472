package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.StepId;
import dev.baton.testkit.Events;
import dev.baton.testkit.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Claims on cached states: one append at a time changes a state, and nobody sees it half done. */
class StateCacheTest {
  private static final Duration SHORT_WAIT = Duration.ofMillis(200);

  private final FakeClock clock = new FakeClock();
  // why: long enough that a busy machine never makes a waiting test give up
  private final StateCache cache = new StateCache(10, Duration.ofSeconds(30));
  private final Events run = Events.newExecution(clock);
  private final List<Event> log = new ArrayList<>(run.started("acme"));

  private ExecutionState fold() {
    return ExecutionState.replay(log);
  }

  private ExecutionId id() {
    return run.execution();
  }

  @Test
  void handsOutCopiesOfARememberedState() {
    cache.remember(fold());

    ExecutionState copy = cache.copy(id());
    copy.apply(run.stepStarted("fetch"));

    assertThat(cache.copy(id()).lastSeq()).isEqualTo(2);
  }

  @Test
  void letsOneClaimAtATimeAndGivesUpWaitingForAnother() {
    StateCache impatient = new StateCache(10, SHORT_WAIT);
    impatient.remember(fold());
    StateCache.Entry first = impatient.claim(id());

    long start = System.nanoTime();
    assertThat(CompletableFuture.supplyAsync(() -> impatient.claim(id())).join()).isNull();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT_WAIT.toNanos());
    assertThat(impatient.copy(id())).isNull();

    impatient.keep(first);
    assertThat(impatient.claim(id())).isSameAs(first);
  }

  @Test
  void showsAClaimedStateOnlyOnceItIsKept() throws Exception {
    cache.remember(fold());
    StateCache.Entry entry = cache.claim(id());
    entry.state().apply(run.stepStarted("fetch"));

    CompletableFuture<ExecutionState> waiting = CompletableFuture.supplyAsync(
        () -> cache.copy(id()));
    Thread.sleep(50);
    assertThat(waiting).isNotDone();
    cache.keep(entry);

    ExecutionState seen = waiting.get(5, TimeUnit.SECONDS);
    assertThat(seen.lastSeq()).isEqualTo(3);
    assertThat(seen.step(StepId.of("fetch")).status()).isEqualTo(StepStatus.RUNNING);
  }

  @Test
  void neverHandsOutADroppedState() throws Exception {
    cache.remember(fold());
    StateCache.Entry entry = cache.claim(id());
    entry.state().apply(run.stepStarted("fetch"));
    CompletableFuture<ExecutionState> waiting = CompletableFuture.supplyAsync(
        () -> cache.copy(id()));

    cache.drop(entry);

    assertThat(waiting.get(5, TimeUnit.SECONDS)).isNull();
    assertThat(cache.copy(id())).isNull();
    assertThat(cache.claim(id())).isNull();
  }

  @Test
  void keepsTheLaterOfTwoStates() {
    ExecutionState older = fold();
    log.add(run.stepStarted("fetch"));
    ExecutionState later = fold();

    cache.remember(later);
    cache.remember(older);
    assertThat(cache.copy(id()).lastSeq()).isEqualTo(3);

    StateCache.Entry fresh = StateCache.claimNew(older, 0);
    cache.keep(fresh);
    assertThat(cache.copy(id()).lastSeq()).isEqualTo(3);
  }

  @Test
  void replacesADroppedStateWithANewOne() {
    cache.remember(fold());
    cache.drop(cache.claim(id()));
    StateCache.Entry fresh = StateCache.claimNew(fold(), 0);

    cache.keep(fresh);

    assertThat(cache.claim(id())).isSameAs(fresh);
  }
}
