package dev.baton.core.simulate;

import dev.baton.core.engine.Engine;
import dev.baton.core.engine.EngineOptions;
import dev.baton.core.engine.ExecutionHandle;
import dev.baton.core.engine.Submission;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.StepState;
import dev.baton.core.json.Json;
import dev.baton.core.memory.InMemoryExecutionStore;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanGraph;
import dev.baton.core.plan.Samples;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.virtual.VirtualRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dry run: the real engine, its real rounds and scheduler, on virtual time, with tools that make
 * no side effect ({@link SimulatedTool}). Every approval is granted and every question answered
 * (with the first candidate, or a sample answer) the moment it is asked, so the prediction shows
 * the whole run; the order in which a person would be asked is recorded. Deterministic: the same
 * plan, tools and options give the same prediction.
 */
public final class Simulator {
  /** How far virtual time may run before the simulation gives up on an execution that is stuck. */
  private static final Duration HORIZON = Duration.ofDays(365);

  private Simulator() {}

  public static Simulation simulate(Plan plan, ToolCatalog catalog, SimulationOptions options) {
    VirtualRuntime time = new VirtualRuntime(options.start());
    AtomicInteger sideEffectCalls = new AtomicInteger();
    Map<String, Duration> durations = new HashMap<>();
    Map<String, SimulatedTool> tools = new HashMap<>();
    for (Tool real : catalog.all()) {
      String name = real.descriptor().name();
      Duration d = options.history().apply(name)
          .orElse(real.descriptor().options().expectedDuration());
      durations.put(name, d);
      tools.put(name, new SimulatedTool(real, options.mode(), d, sideEffectCalls));
    }
    List<Simulation.HumanStep> humanSteps = new ArrayList<>();
    ArrayDeque<Event> toAnswer = new ArrayDeque<>();
    Engine engine = Engine.builder(new InMemoryExecutionStore(), ToolCatalog.of(tools.values()),
        time, time).options(EngineOptions.defaults("simulator")).watchOtherProcesses(false)
        .build();
    try {
      engine.subscribe(e -> {
        switch (e) {
          case Event.ApprovalRequested a -> {
            humanSteps.add(new Simulation.HumanStep(humanSteps.size() + 1, a.step(), a.tool(),
                false, Duration.between(options.start(), a.at()), a.preview()));
            toAnswer.add(a);
          }
          case Event.QuestionAsked q -> {
            humanSteps.add(new Simulation.HumanStep(humanSteps.size() + 1, q.step(), q.tool(),
                true, Duration.between(options.start(), q.at()), null));
            toAnswer.add(q);
          }
          case Event.PlanApprovalRequested p -> toAnswer.add(p);
          default -> { }
        }
      });
      ExecutionHandle handle = engine.submit(Submission.of(plan).withRequest("dry run")
          .withOptions(options.execution()));
      while (!handle.result().isDone()) {
        time.runUntil(() -> handle.result().isDone() || !toAnswer.isEmpty(), HORIZON);
        if (toAnswer.isEmpty()) {
          break;
        }
        answer(engine, handle, toAnswer.poll(), catalog);
      }
      ExecutionState end = handle.result().isDone() ? handle.result().join()
          : engine.state(handle.id());
      return report(plan, catalog, options, end, durations, tools, humanSteps,
          sideEffectCalls.get());
    } finally {
      // why: nothing in the simulation is worth draining; and on virtual time nothing would
      engine.halt();
    }
  }

  private static void answer(Engine engine, ExecutionHandle handle, Event e, ToolCatalog catalog) {
    switch (e) {
      case Event.ApprovalRequested a -> engine.approve(a.approval(), null, "simulator", null);
      case Event.QuestionAsked q -> engine.answer(q.question(), sampleAnswer(q, catalog),
          "simulator");
      case Event.PlanApprovalRequested p -> engine.decidePlan(handle.id(), true, null,
          "simulator", null);
      default -> { }
    }
  }

  /** The first candidate offered, else the smallest answer that fits the tool. */
  private static JsonNode sampleAnswer(Event.QuestionAsked q, ToolCatalog catalog) {
    JsonNode sample = Samples.of(catalog.get(q.tool()).descriptor().outputSchema());
    JsonNode first = q.input().path("candidates").path(0);
    if (sample instanceof ObjectNode o && o.has("value") && !first.isMissingNode()) {
      o.set("value", first.isObject() && first.has("value") ? first.get("value") : first);
    }
    return sample == null ? Json.object() : sample;
  }

  private static Simulation report(Plan plan, ToolCatalog catalog, SimulationOptions options,
      ExecutionState end, Map<String, Duration> durations, Map<String, SimulatedTool> tools,
      List<Simulation.HumanStep> humanSteps, int sideEffectCalls) {
    Instant start = options.start();
    List<Simulation.Timed> timed = new ArrayList<>();
    double calls = 0;
    double in = 0;
    double out = 0;
    Duration makespan = Duration.ZERO;
    for (Step step : end.plan().steps()) {
      StepState s = end.step(step.id());
      Duration from = s.startedAt() == null ? null : Duration.between(start, s.startedAt());
      Duration to = s.finishedAt() == null ? null : Duration.between(start, s.finishedAt());
      if (to != null && to.compareTo(makespan) > 0) {
        makespan = to;
      }
      SimulatedTool tool = tools.get(step.tool());
      boolean simulated = tool == null || tool.simulated();
      String note = s.error() != null ? s.error().message() : s.note();
      timed.add(new Simulation.Timed(step.id(), step.tool(), from, to, s.status().name(),
          simulated, note));
      if (s.status() == dev.baton.core.exec.StepStatus.SUCCEEDED) {
        var use = options.modelUse().apply(step.tool());
        if (use.isPresent()) {
          calls += use.get().calls();
          in += use.get().inputTokens();
          out += use.get().outputTokens();
        }
      }
    }
    List<StepId> path = criticalPath(PlanGraph.of(end.plan()), durations);
    Duration length = path.stream().map(id -> durations.getOrDefault(
        end.plan().step(id).orElseThrow().tool(), Duration.ZERO)).reduce(Duration.ZERO,
            Duration::plus);
    return new Simulation(timed, makespan, path, length, humanSteps, calls, in, out,
        end.status(), sideEffectCalls);
  }

  /** The longest chain of dependent steps, weighed by their expected durations. */
  static List<StepId> criticalPath(PlanGraph graph, Map<String, Duration> durations) {
    Map<StepId, Long> remaining = graph.remainingPath(step -> durations.getOrDefault(step.tool(),
        Duration.ZERO).toNanos());
    List<StepId> path = new ArrayList<>();
    StepId next = null;
    for (Step s : graph.plan().steps()) {
      if (graph.dependencies(s.id()).isEmpty()
          && (next == null || remaining.get(s.id()) > remaining.get(next))) {
        next = s.id();
      }
    }
    while (next != null) {
      path.add(next);
      Set<StepId> after = graph.dependents(next);
      StepId best = null;
      for (StepId d : after) {
        if (best == null || remaining.get(d) > remaining.get(best)) {
          best = d;
        }
      }
      next = best;
    }
    return path;
  }
}
