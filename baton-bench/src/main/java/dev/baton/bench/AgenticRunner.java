package dev.baton.bench;

import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The same workloads in langchain4j-agentic 1.19 (beta), through its public builders as its
 * tutorial shows, with no model: every step is a non-AI agent made with
 * {@code AgenticServices.agentAction}, whose body is the task's work. A chain is one
 * {@code sequenceBuilder()} workflow; a fan-out is a sequence of the root and one
 * {@code parallelBuilder()} workflow of the children; a fork-join is a sequence of the root, a
 * parallel workflow of the branches (a branch of several steps is a sequence of its own) and the
 * sink. Every parallel workflow gets a virtual-thread-per-task executor (its default is a cached
 * pool of platform threads), as every LangGraph4j fork does here.
 *
 * <p>The framework's own {@code Planner} abstraction could express any DAG, but it runs the agents
 * of one action as a batch and waits for all of them before the next action, that is, level by
 * level; nested sequences and parallels keep each branch going on its own. Setting it up builds one
 * agentic system per workload. Each run is {@code invoke} with an empty input map: a fresh
 * {@code AgenticScope}, not kept after the run (no memory id).
 */
final class AgenticRunner implements Contender {
  private final ExecutorService branches = Executors.newVirtualThreadPerTaskExecutor();
  private final TaskBody body;
  private final Map<Workload, UntypedAgent> systems = new HashMap<>();

  AgenticRunner(List<Workload> workloads) {
    this(workloads, new TaskBody());
  }

  AgenticRunner(List<Workload> workloads, TaskBody body) {
    this.body = body;
    for (Workload w : workloads) {
      systems.put(w, build(w));
    }
  }

  private UntypedAgent build(Workload w) {
    return switch (w.shape()) {
      case CHAIN -> sequence(w.tasks().stream().map(this::step).toList());
      case FAN_OUT -> sequence(List.of(step(w.tasks().getFirst()),
          parallel(w.tasks().subList(1, w.size()).stream().map(this::step).toList())));
      case FORK_JOIN -> {
        Workload.ForkJoin fj = w.forkJoin();
        List<Object> branchAgents = new ArrayList<>();
        for (List<Workload.Task> branch : fj.branches()) {
          branchAgents.add(branch.size() == 1 ? step(branch.getFirst())
              : sequence(branch.stream().map(this::step).toList()));
        }
        yield sequence(List.of(step(fj.root()), parallel(branchAgents), step(fj.sink())));
      }
    };
  }

  private Object step(Workload.Task t) {
    return AgenticServices.agentAction(() -> body.run(t));
  }

  private static UntypedAgent sequence(List<?> agents) {
    return AgenticServices.sequenceBuilder().subAgents(agents).build();
  }

  private UntypedAgent parallel(List<?> agents) {
    return AgenticServices.parallelBuilder().subAgents(agents).executor(branches).build();
  }

  /** Invokes the workload's agentic system once and takes its result. */
  @Override
  public Run run(Workload w) {
    UntypedAgent system = systems.get(w);
    if (system == null) {
      throw new IllegalArgumentException("langchain4j-agentic was not set up for " + w.name());
    }
    body.reset();
    long start = System.nanoTime();
    system.invoke(Map.of());
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    return new Run(wall, w.size(), body.executed());
  }

  @Override
  public void close() {
    branches.close();
  }
}
