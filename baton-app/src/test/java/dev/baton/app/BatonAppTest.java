package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.simulate.Simulation;
import dev.baton.core.simulate.SimulationOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatonAppTest {
  @TempDir
  Path home;

  private BatonConfig config() {
    return ConfigLoader.load(home, Map.of(), Map.of());
  }

  @Test
  void openMakesEveryPartAtOnce() {
    try (BatonApp app = BatonApp.open(config())) {
      assertThat(home.resolve("baton.db")).exists();
      assertThat(home.resolve("workspace")).isDirectory();
      assertThat(app.engine().catalog()).isSameAs(app.catalog());
      assertThat(app.engine().store()).isSameAs(app.store());
    }
  }

  @Test
  void lazyListsToolsAndPlansWithoutOpeningTheDatabase() {
    try (BatonApp app = BatonApp.lazy(config(), false)) {
      assertThat(home.resolve("workspace")).doesNotExist();

      assertThat(app.catalog().find("files.search")).isPresent();
      var proposal = app.plan("Schedule a meeting with Noa tomorrow at 10");

      assertThat(proposal.plan().steps()).isNotEmpty();
      assertThat(home.resolve("workspace")).isDirectory();
      assertThat(home.resolve("baton.db")).doesNotExist();
    }
    assertThat(home.resolve("baton.db")).doesNotExist();
  }

  @Test
  void lazyReadsTheStoreWithoutMakingTheCatalogue() {
    try (BatonApp app = BatonApp.lazy(config(), false)) {
      assertThat(app.store().list(null, 10)).isEmpty();

      assertThat(home.resolve("baton.db")).exists();
      assertThat(home.resolve("workspace")).doesNotExist();
    }
  }

  @Test
  void lazyBuildsTheEngineOnTheSameStoreAndCatalogue() {
    try (BatonApp app = BatonApp.lazy(config(), false)) {
      var store = app.store();
      var catalog = app.catalog();

      assertThat(app.engine().store()).isSameAs(store);
      assertThat(app.engine().catalog()).isSameAs(catalog);
      assertThat(app.engine()).isSameAs(app.engine());
    }
  }

  @Test
  void closingTheAppClosesTheSearchIndexAndItsFolderWatch() throws InterruptedException {
    long before = watchThreads();
    try (BatonApp app = BatonApp.lazy(config(), false)) {
      // why: the seed request names a project, so planning opens the search index
      app.plan("read what we did in December on Tevuot and set up a meeting with Yoav");
      assertThat(watchThreads()).as("the folder watch is running").isGreaterThan(before);
    }
    // why: a watch thread left waiting in native code holds up the JVM's exit by 300 ms
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (watchThreads() > before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(watchThreads()).isEqualTo(before);
  }

  private static long watchThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("FileSystemWatch")).count();
  }

  @Test
  void aClosedAppOpensNothingMore() {
    BatonApp app = BatonApp.lazy(config(), false);
    app.close();

    assertThatThrownBy(app::store).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(home.resolve("baton.db")).doesNotExist();
  }

  @Test
  void aDryRunOfTheSeedRequestFollowsEveryReferenceAndPredictsItsApprovals() {
    // why: outputs stood in by schema samples once had empty arrays, so `contact#/matches/0/email`
    // found nothing and every dry run of the seed request ended failed, asking nobody anything
    try (BatonApp app = BatonApp.lazy(config(), false)) {
      var plan = app.plan("read what we did in December on Tevuot and set up a meeting with Yoav")
          .plan();
      for (SimulationOptions.Mode mode : SimulationOptions.Mode.values()) {
        Simulation s = app.simulate(plan, mode, ExecutionOptions.DEFAULTS);

        assertThat(s.end()).as("end in mode %s: %s", mode, s.steps())
            .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(s.humanSteps()).extracting(Simulation.HumanStep::tool)
            .contains("calendar.create_event", "editor.write");
        assertThat(s.makespan()).isEqualTo(s.criticalPathLength());
        assertThat(s.sideEffectCalls()).isZero();
      }
    }
  }
}
