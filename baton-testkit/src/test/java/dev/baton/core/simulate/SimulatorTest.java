package dev.baton.core.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.engine.ExecutionHandle;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.StepState;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import dev.baton.testkit.FakeClock;
import dev.baton.testkit.TestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  private static final Instant T0 = FakeClock.DEFAULT_START;

  public record In(String text) {}

  public record Out(String text, int n) {}

  /** A tool that takes exactly {@code took} and says so in its expected duration; counts calls. */
  static final class Fixed extends TypedTool<In, Out> {
    final AtomicInteger calls = new AtomicInteger();
    private final Duration took;

    Fixed(String name, Duration took, boolean sideEffect) {
      super(name, "takes " + took, In.class, Out.class, (sideEffect ? ToolOptions.sideEffecting()
          : ToolOptions.readOnly()).retry(RetryPolicy.NONE).expectedDuration(took).build());
      this.took = took;
    }

    @Override
    protected Optional<String> previewOf(In in) {
      return Optional.of("would write " + in.text());
    }

    @Override
    protected Out run(In in, ToolContext ctx) throws InterruptedException {
      calls.incrementAndGet();
      ctx.sleep(took);
      return new Out(in.text() + "!", 1);
    }
  }

  private final Fixed search = new Fixed("seed.search", Duration.ofMillis(300), false);
  private final Fixed analyze = new Fixed("seed.analyze", Duration.ofMillis(500), false);
  private final Fixed contacts = new Fixed("seed.contacts", Duration.ofMillis(100), false);
  private final Fixed slot = new Fixed("seed.slot", Duration.ofMillis(200), false);
  private final Fixed meeting = new Fixed("seed.meeting", Duration.ofMillis(50), true);
  private final Fixed agenda = new Fixed("seed.agenda", Duration.ofMillis(80), true);
  private final ToolCatalog catalog = ToolCatalog.of(search, analyze, contacts, slot, meeting,
      agenda);
  private final Plan seed = PlanCodec.parse("""
      {"steps":[
        {"id":"search","tool":"seed.search","args":{"text":"Tevuot"}},
        {"id":"analyze","tool":"seed.analyze","args":{"text":{"$ref":"search#/text"}}},
        {"id":"contact","tool":"seed.contacts","args":{"text":"Yoav"}},
        {"id":"slot","tool":"seed.slot","args":{"text":{"$ref":"contact#/text"}}},
        {"id":"meeting","tool":"seed.meeting","args":{"text":{"$ref":"slot#/text"}},
         "after":["analyze"]},
        {"id":"agenda","tool":"seed.agenda","args":{"text":{"$ref":"analyze#/text"}},
         "after":["meeting"]}
      ]}""");

  @Test
  void predictsExactlyWhatTheTestEngineRunsOnVirtualTime() {
    Simulation predicted = Simulator.simulate(seed, catalog,
        SimulationOptions.of(SimulationOptions.Mode.ALL, T0));
    int realCallsBefore = calls();

    List<String> asked = new ArrayList<>();
    ExecutionState run;
    try (TestEngine t = TestEngine.of(catalog)) {
      ExecutionHandle h = t.submit(seed, dev.baton.core.exec.ExecutionOptions.DEFAULTS);
      while (true) {
        run = t.runUntil(h.id(), s -> s.status().terminal() || !s.pendingApprovals().isEmpty());
        if (run.status().terminal()) {
          break;
        }
        for (Approval a : run.pendingApprovals()) {
          asked.add(a.step().value());
          t.engine().approve(a.id(), null, "test", null);
        }
      }
    }

    assertThat(predicted.sideEffectCalls()).isZero();
    assertThat(realCallsBefore).isZero();
    assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(predicted.end()).isEqualTo(ExecutionStatus.SUCCEEDED);
    ExecutionState end = run;
    List<StepId> realOrder = end.steps().values().stream()
        .sorted(Comparator.comparing(StepState::startedAt)
            .thenComparing(s -> end.graph().position(s.id())))
        .map(StepState::id).toList();
    assertThat(predicted.startOrder()).isEqualTo(realOrder);
    for (Simulation.Timed step : predicted.steps()) {
      StepState real = run.step(step.step());
      assertThat(step.start()).as("start of " + step.step())
          .isEqualTo(Duration.between(T0, real.startedAt()));
      assertThat(step.end()).as("end of " + step.step())
          .isEqualTo(Duration.between(T0, real.finishedAt()));
    }
    assertThat(predicted.humanSteps()).extracting(h -> h.step().value())
        .containsExactlyElementsOf(asked);
    // why: nothing ran for real, so the previews describe stand-in values
    assertThat(predicted.humanSteps()).extracting(Simulation.HumanStep::preview)
        .containsExactly("would write x", "would write x");
    assertThat(predicted.criticalPath()).extracting(StepId::value)
        .containsExactly("search", "analyze", "meeting", "agenda");
    assertThat(predicted.criticalPathLength()).isEqualTo(Duration.ofMillis(930));
    assertThat(predicted.makespan()).isEqualTo(Duration.between(T0, run.updatedAt()));
  }

  @Test
  void readModeCallsReadOnlyToolsForRealAndNeverASideEffect() {
    Simulation s = Simulator.simulate(seed, catalog,
        SimulationOptions.of(SimulationOptions.Mode.READ, T0));

    assertThat(search.calls.get() + analyze.calls.get() + contacts.calls.get() + slot.calls.get())
        .isEqualTo(4);
    assertThat(meeting.calls.get() + agenda.calls.get()).isZero();
    assertThat(s.sideEffectCalls()).isZero();
    assertThat(s.steps()).filteredOn(Simulation.Timed::simulated)
        .extracting(t -> t.step().value()).containsExactlyInAnyOrder("meeting", "agenda");
    // why: read-only outputs are real, so what the approval shows is what would really happen
    assertThat(s.humanSteps()).extracting(Simulation.HumanStep::preview)
        .containsExactly("would write Yoav!!", "would write Tevuot!!");
  }

  @Test
  void pastRunsOfAToolOverrideItsDeclaredDurationAndModelUseAddsUp() {
    Simulation s = Simulator.simulate(seed, catalog,
        SimulationOptions.of(SimulationOptions.Mode.ALL, T0)
            .withHistory(tool -> tool.equals("seed.analyze") ? Optional.of(Duration.ofSeconds(4))
                : Optional.empty())
            .withModelUse(tool -> tool.equals("seed.analyze")
                ? Optional.of(new SimulationOptions.ModelUse(1, 1200, 300)) : Optional.empty()));

    assertThat(s.makespan()).isEqualTo(Duration.ofMillis(300 + 4000 + 50 + 80));
    assertThat(s.modelCalls()).isEqualTo(1);
    assertThat(s.inputTokens() + s.outputTokens()).isEqualTo(1500);
  }

  private int calls() {
    return search.calls.get() + analyze.calls.get() + contacts.calls.get() + slot.calls.get()
        + meeting.calls.get() + agenda.calls.get();
  }
}
