package dev.baton.bench;

import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphStateException;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.action.AsyncNodeAction;
import org.bsc.langgraph4j.checkpoint.BaseCheckpointSaver;
import org.bsc.langgraph4j.checkpoint.FileSystemSaver;
import org.bsc.langgraph4j.checkpoint.MemorySaver;
import org.bsc.langgraph4j.serializer.StateSerializer;
import org.bsc.langgraph4j.serializer.std.ObjectStreamStateSerializer;
import org.bsc.langgraph4j.state.AgentState;

/**
 * The same workloads in LangGraph4j 1.8, written the way its documentation shows. A task is a node;
 * a chain is nodes joined by edges; parallel work is edges from one node to several, all of which
 * must lead to one node (LangGraph4j supports only that fork-join, one node per branch), so a branch
 * of several steps is a compiled subgraph node. The branches of a fork run at once only when the
 * run's config gives the fork an executor ({@code addParallelNodeExecutor}); without one they run
 * one after another. Here every fork gets a virtual thread per branch.
 *
 * <p>Nodes return an empty update, so checkpoints stay as small as they can be (the most favourable
 * case for LangGraph4j). Checkpoints are taken after every super-step: after each node of a chain,
 * but once for a whole fan-out. Setting it up compiles one graph per workload with one saver.
 */
final class LangGraphRunner implements Contender {
  /** The checkpoint savers compared: in memory, and the one durable saver core 1.8.17 ships. */
  enum Saver {
    MEMORY("MemorySaver"), FILE_SYSTEM("FileSystemSaver");

    final String label;

    Saver(String label) {
      this.label = label;
    }
  }

  /** A workload compiled for the saver, with the node whose branches need an executor. */
  private record Compiled(CompiledGraph<AgentState> graph, String fork, int steps) {}

  private final ExecutorService branches = Executors.newVirtualThreadPerTaskExecutor();
  private final StateSerializer<AgentState> serializer =
      new ObjectStreamStateSerializer<>(AgentState::new);
  private final AtomicLong threads = new AtomicLong();
  private final TaskBody body;
  private final Path folder;
  private final BaseCheckpointSaver checkpoints;
  private final Map<Workload, Compiled> compiled = new HashMap<>();

  LangGraphRunner(Saver saver, List<Workload> workloads) throws GraphStateException {
    this(saver, workloads, new TaskBody());
  }

  LangGraphRunner(Saver saver, List<Workload> workloads, TaskBody body)
      throws GraphStateException {
    this.body = body;
    try {
      folder = Files.createTempDirectory("baton-bench-langgraph4j-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.checkpoints = switch (saver) {
      case MEMORY -> new MemorySaver();
      case FILE_SYSTEM -> new FileSystemSaver(folder, serializer);
    };
    for (Workload w : workloads) {
      compiled.put(w, compile(w));
    }
  }

  private Compiled compile(Workload w) throws GraphStateException {
    StateGraph<AgentState> graph = new StateGraph<>(serializer);
    String fork = null;
    switch (w.shape()) {
      case CHAIN -> {
        String previous = StateGraph.START;
        for (Workload.Task t : w.tasks()) {
          graph.addNode(t.id(), node(t));
          graph.addEdge(previous, t.id());
          previous = t.id();
        }
        graph.addEdge(previous, StateGraph.END);
      }
      case FAN_OUT -> {
        Workload.Task root = w.tasks().getFirst();
        graph.addNode(root.id(), node(root));
        graph.addEdge(StateGraph.START, root.id());
        for (Workload.Task t : w.tasks().subList(1, w.size())) {
          graph.addNode(t.id(), node(t));
          graph.addEdge(root.id(), t.id());
          graph.addEdge(t.id(), StateGraph.END);
        }
        fork = root.id();
      }
      case FORK_JOIN -> fork = forkJoin(w.forkJoin(), graph);
    }
    CompiledGraph<AgentState> built = graph.compile(CompileConfig.builder()
        .checkpointSaver(checkpoints)
        .recursionLimit(Math.max(25, w.size() * 4))
        .build());
    return new Compiled(built, fork, w.size());
  }

  /** Root, then one node per branch (a subgraph if longer than one step), joined at the sink. */
  private String forkJoin(Workload.ForkJoin fj, StateGraph<AgentState> graph)
      throws GraphStateException {
    graph.addNode(fj.root().id(), node(fj.root()));
    graph.addEdge(StateGraph.START, fj.root().id());
    graph.addNode(fj.sink().id(), node(fj.sink()));
    for (List<Workload.Task> branch : fj.branches()) {
      Workload.Task first = branch.getFirst();
      String name = branch.size() == 1 ? first.id() : "branch-" + first.id();
      if (branch.size() == 1) {
        graph.addNode(name, node(first));
      } else {
        graph.addNode(name, subgraph(branch));
      }
      graph.addEdge(fj.root().id(), name);
      graph.addEdge(name, fj.sink().id());
    }
    graph.addEdge(fj.sink().id(), StateGraph.END);
    return fj.root().id();
  }

  private CompiledGraph<AgentState> subgraph(List<Workload.Task> branch)
      throws GraphStateException {
    StateGraph<AgentState> sub = new StateGraph<>(serializer);
    String previous = StateGraph.START;
    for (Workload.Task t : branch) {
      sub.addNode(t.id(), node(t));
      sub.addEdge(previous, t.id());
      previous = t.id();
    }
    sub.addEdge(previous, StateGraph.END);
    // why: the parent's saver checkpoints the branch as one node, as LangGraph4j does for any node
    return sub.compile();
  }

  private AsyncNodeAction<AgentState> node(Workload.Task t) {
    return node_async(state -> {
      body.run(t);
      return Map.of();
    });
  }

  /** Invokes the graph once, on a new thread id (so a fresh checkpoint history). */
  @Override
  public Run run(Workload w) {
    Compiled c = compiled.get(w);
    if (c == null) {
      throw new IllegalArgumentException("LangGraph4j was not set up for " + w.name());
    }
    RunnableConfig.Builder config = RunnableConfig.builder()
        .threadId("run-" + threads.incrementAndGet());
    if (c.fork() != null) {
      config.addParallelNodeExecutor(c.fork(), branches);
    }
    RunnableConfig built = config.build();
    body.reset();
    long start = System.nanoTime();
    c.graph().invoke(Map.of(), built).orElseThrow();
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    return new Run(wall, c.steps(), body.executed());
  }

  @Override
  public void close() {
    branches.close();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
