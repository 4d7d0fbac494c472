package dev.baton.bench;

import com.google.adk.agents.BaseAgent;
import com.google.adk.agents.InvocationContext;
import com.google.adk.agents.ParallelAgent;
import com.google.adk.agents.RunConfig;
import com.google.adk.agents.SequentialAgent;
import com.google.adk.events.Event;
import com.google.adk.runner.InMemoryRunner;
import com.google.adk.runner.Runner;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same workloads in Google's ADK for Java 1.8, with no model: every step is a custom agent (a
 * {@link BaseAgent} subclass, ADK's documented way to run code that is not a model call) that does
 * the task's work and yields one event carrying the step's id, which is how an ADK agent reports a
 * result (the runner appends it to the session). A chain is one {@link SequentialAgent}; a fan-out
 * is a sequential agent of the root and one {@link ParallelAgent} of the children; a fork-join is a
 * sequential agent of the root, a parallel agent of the branches (a branch of several steps is a
 * sequential agent of its own) and the sink. Every parallel agent runs its branches on a scheduler
 * over virtual threads, a thread per branch (its default is RxJava's I/O pool of platform threads),
 * as every LangGraph4j fork does here.
 *
 * <p>Setting it up builds each workload's agent tree and an {@link InMemoryRunner} for it. Each run
 * is {@code runAsync} in a new session (created by the run, {@code autoCreateSession}) with one
 * user message, read to the last event. The in-memory session service keeps every session, as it
 * does for its users.
 */
final class AdkRunner implements Contender {
  private static final String USER = "bench";
  private static final Content GO = Content.builder().role("user")
      .parts(List.of(Part.fromText("go"))).build();
  private static final RunConfig NEW_SESSION = RunConfig.builder().autoCreateSession(true).build();

  private final ExecutorService branches = Executors.newVirtualThreadPerTaskExecutor();
  private final Scheduler scheduler = Schedulers.from(branches);
  private final AtomicLong sessions = new AtomicLong();
  private final TaskBody body;
  private final Map<Workload, Runner> runners = new HashMap<>();

  AdkRunner(List<Workload> workloads) {
    this(workloads, new TaskBody());
  }

  AdkRunner(List<Workload> workloads, TaskBody body) {
    this.body = body;
    for (Workload w : workloads) {
      runners.put(w, new InMemoryRunner(build(w), "baton_bench"));
    }
  }

  private BaseAgent build(Workload w) {
    return switch (w.shape()) {
      case CHAIN -> sequence("chain", w.tasks().stream().map(this::step).toList());
      case FAN_OUT -> sequence("fan_out", List.of(step(w.tasks().getFirst()),
          parallel("children", w.tasks().subList(1, w.size()).stream().map(this::step)
              .toList())));
      case FORK_JOIN -> {
        Workload.ForkJoin fj = w.forkJoin();
        List<BaseAgent> branchAgents = new ArrayList<>();
        for (List<Workload.Task> branch : fj.branches()) {
          branchAgents.add(branch.size() == 1 ? step(branch.getFirst())
              : sequence("branch_" + branch.getFirst().id(),
                  branch.stream().map(this::step).toList()));
        }
        yield sequence("fork_join", List.of(step(fj.root()),
            parallel("branches", branchAgents), step(fj.sink())));
      }
    };
  }

  private BaseAgent step(Workload.Task t) {
    return new StepAgent(t, body);
  }

  private static BaseAgent sequence(String name, List<BaseAgent> agents) {
    return SequentialAgent.builder().name(name).subAgents(agents).build();
  }

  private BaseAgent parallel(String name, List<BaseAgent> agents) {
    return ParallelAgent.builder().name(name).subAgents(agents).scheduler(scheduler).build();
  }

  /** Runs the workload's agent once in a new session and reads every event to the last. */
  @Override
  public Run run(Workload w) {
    Runner runner = runners.get(w);
    if (runner == null) {
      throw new IllegalArgumentException("ADK was not set up for " + w.name());
    }
    body.reset();
    String session = "run-" + sessions.incrementAndGet();
    long start = System.nanoTime();
    runner.runAsync(USER, session, GO, NEW_SESSION).blockingLast();
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    return new Run(wall, w.size(), body.executed());
  }

  @Override
  public void close() {
    for (Runner r : runners.values()) {
      r.close().blockingAwait();
    }
    scheduler.shutdown();
    branches.close();
  }

  /** One step: does the task's work, then yields one event with the step's id as its text. */
  private static final class StepAgent extends BaseAgent {
    private final Workload.Task task;
    private final TaskBody body;

    StepAgent(Workload.Task task, TaskBody body) {
      super(task.id(), "Step " + task.id(), List.of(), null, null);
      this.task = task;
      this.body = body;
    }

    @Override
    protected Flowable<Event> runAsyncImpl(InvocationContext context) {
      return Flowable.fromCallable(() -> {
        body.run(task);
        return Event.builder()
            .id(Event.generateEventId())
            .invocationId(context.invocationId())
            .author(name())
            .branch(context.branch().orElse(null))
            .content(Content.builder().role("model")
                .parts(List.of(Part.fromText(task.id()))).build())
            .build();
      });
    }

    @Override
    protected Flowable<Event> runLiveImpl(InvocationContext context) {
      return Flowable.error(new UnsupportedOperationException("no live mode in the benchmark"));
    }
  }
}
