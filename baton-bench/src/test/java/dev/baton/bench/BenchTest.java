package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs every workload once at a tiny size; checks the outputs are sane, never the timings. */
class BenchTest {

  @Test
  void everyExecutorFinishesEveryWorkloadAndTheRatiosAreFiniteAndPositive() throws Exception {
    Bench.Options tiny = new Bench.Options(EnumSet.allOf(Bench.Suite.class), 1, 0, 0, 5, 10, 8,
        0.05, 20, 1, 20);

    Report report = Bench.run(tiny, new PrintStream(OutputStream.nullOutputStream()));

    assertThat(report.workloads()).extracting(Workload::shape).containsExactly(
        Workload.Shape.FORK_JOIN, Workload.Shape.CHAIN, Workload.Shape.FAN_OUT);
    Workload dag = report.workload(Workload.Shape.FORK_JOIN).orElseThrow();
    assertThat(report.runs().get(dag.name())).containsOnlyKeys(Bench.BATON_MEMORY,
        Bench.BATON_SQLITE, Bench.LEVEL_BATCH, Bench.LG_MEMORY, Bench.LG_FILE, Bench.AGENTIC,
        Bench.ADK);
    for (Workload w : report.workloads()) {
      Map<String, List<Run>> byExecutor = report.runs().get(w.name());
      assertThat(byExecutor).containsKeys(Bench.BATON_MEMORY, Bench.BATON_SQLITE, Bench.LG_MEMORY,
          Bench.LG_FILE, Bench.AGENTIC, Bench.ADK);
      assertThat(report.bestPeer(w)).get().isIn(Bench.LG_MEMORY, Bench.LG_FILE, Bench.AGENTIC,
          Bench.ADK);
      assertThat(report.toBestPeer(w, Bench.BATON_MEMORY).orElseThrow()).isPositive();
      byExecutor.forEach((executor, runs) -> {
        assertThat(runs).as(executor + " on " + w.name()).hasSize(1)
            .allSatisfy(r -> assertThat(r.succeeded()).isEqualTo(w.size()));
        assertThat(report.perStep(w, executor).orElseThrow()).isPositive();
      });
      assertThat(report.commitsPerStep(w, Bench.BATON_SQLITE).orElseThrow()).isPositive();
    }
    for (String executor : report.runs().get(dag.name()).keySet()) {
      double ratio = report.makespanRatio(dag, executor).orElseThrow();
      assertThat(Double.isFinite(ratio)).as(executor).isTrue();
      // why: no executor can beat the critical path; how far above it is not checked here
      assertThat(ratio).as(executor).isGreaterThanOrEqualTo(1.0);
    }
    assertThat(report.bareCommit()).isPositive();
    List<String> measured = List.of(Bench.BATON_MEMORY, Bench.BATON_SQLITE, Bench.LG_MEMORY,
        Bench.LG_FILE, Bench.AGENTIC, Bench.ADK);
    assertThat(report.setups()).containsKeys(measured.toArray(String[]::new));
    measured.forEach(executor -> {
      assertThat(report.setups().get(executor).first()).as(executor).isPositive();
      assertThat(report.setups().get(executor).again()).as(executor).hasSize(1);
    });
    assertThat(report.memory()).containsOnlyKeys(measured.toArray(String[]::new))
        .allSatisfy((executor, m) -> assertThat(m.runs()).as(executor).isEqualTo(20));
    assertThat(report.markdown()).contains("| chain of 5 | " + Bench.BATON_SQLITE)
        .contains("| " + Bench.LEVEL_BATCH + " |").contains("### Setup time")
        .contains("| " + Bench.ADK + " |").contains("### Memory after 20 executions")
        .doesNotContain("NaN", "Infinity");
  }

  @Test
  void theDagsCriticalPathAndLevelBoundFollowFromItsSleeps() {
    Workload dag = Workload.unbalancedDag(1.0);

    assertThat(dag.criticalPath()).isEqualTo(Duration.ofMillis(400));
    assertThat(dag.levelByLevelBound()).isEqualTo(Duration.ofMillis(520));
    assertThat(dag.byLevel()).extracting(List::size).containsExactly(1, 4, 3, 1);
  }

  @Test
  void chainAndFanOutHaveTheStepsAndLevelsAsked() {
    assertThat(Workload.chain(500).byLevel()).hasSize(500);
    assertThat(Workload.fanOut(1000).byLevel()).extracting(List::size).containsExactly(1, 999);
    assertThat(Workload.fanOut(1000).criticalPath()).isZero();
  }

  @Test
  void parsesOptionsAndRejectsUnknownOnes() {
    Bench.Options o = BenchMain.parse(new String[] {"--suites=dag,overhead", "--reps=7",
        "--dag-scale=0.5", "--memory-runs=300", "--setup-reps=2"});

    assertThat(o.suites()).containsExactlyInAnyOrder(Bench.Suite.DAG, Bench.Suite.OVERHEAD);
    assertThat(o.reps()).isEqualTo(7);
    assertThat(o.dagScale()).isEqualTo(0.5);
    assertThat(o.memoryRuns()).isEqualTo(300);
    assertThat(o.setupReps()).isEqualTo(2);
    assertThat(BenchMain.parse(new String[] {"--suites=langgraph"}).suites())
        .containsExactly(Bench.Suite.PEERS);
    assertThatThrownBy(() -> BenchMain.parse(new String[] {"--speed=11"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--speed");
    assertThatThrownBy(() -> BenchMain.parse(new String[] {"--suites=dag,speed"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'speed'");
  }
}
