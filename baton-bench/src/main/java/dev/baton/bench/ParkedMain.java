package dev.baton.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;
import dev.baton.adapters.Engines;
import dev.baton.core.engine.Engine;
import dev.baton.core.engine.EngineOptions;
import dev.baton.core.engine.ExecutionHandle;
import dev.baton.core.engine.Submission;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import dev.baton.store.jdbc.JdbcExecutionStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Executions waiting for a person, at scale, on SQLite, through the public API: submit N
 * executions whose only step needs approval; once all wait, measure the heap per parked execution,
 * the threads, and the CPU the idle engine uses over ten seconds; then stop the engine, start a new
 * one on the same file and time how long {@code recover()} takes to take them all over; then
 * approve them all and time until every one has ended. Prints the figures and the load average.
 *
 * <pre>java -cp baton-bench/target/baton-bench.jar dev.baton.bench.ParkedMain [N]</pre>
 */
public final class ParkedMain {
  private static final String PLAN = """
      {"steps":[{"id":"send","tool":"bench.send","args":{"to":"yoav","text":"hi"}}]}""";

  public record SendIn(String to, String text) {}

  public record SendOut(String sent) {}

  /** A side effect that does nothing: every execution of the benchmark waits for its approval. */
  static final class Send extends TypedTool<SendIn, SendOut> {
    Send() {
      super("bench.send", "Sends a message (needs approval)", SendIn.class, SendOut.class,
          ToolOptions.sideEffecting().retry(RetryPolicy.NONE).build());
    }

    @Override
    protected SendOut run(SendIn in, ToolContext ctx) {
      return new SendOut(in.to());
    }
  }

  private ParkedMain() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    Path folder = Files.createTempDirectory("baton-parked");
    Path file = folder.resolve("baton.db");
    ToolCatalog catalog = ToolCatalog.of(new Send());
    Plan plan = PlanCodec.parse(PLAN);
    say("Parked executions on SQLite (" + file + "), N = " + n + "; " + Machine.describe());

    long t0 = System.nanoTime();
    JdbcExecutionStore store = JdbcExecutionStore.sqlite(file);
    Engine engine = engine(store, "first");
    long heapBefore = HeapProbe.usedAfterGc();
    List<ExecutionId> ids = new ArrayList<>(n);
    List<CompletableFuture<?>> waiting = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ExecutionHandle h = engine.submit(Submission.of(plan));
      ids.add(h.id());
      waiting.add(engine.when(h.id(), s -> s.status() == ExecutionStatus.WAITING_FOR_APPROVAL));
    }
    CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
    waiting.clear();
    say(String.format(Locale.ROOT, "submitted and parked %d executions in %.1f s (%.0f a second)",
        n, secs(t0), n / secs(t0)));

    long heapAfter = HeapProbe.usedAfterGc();
    say(String.format(Locale.ROOT, "heap per parked execution: %.0f bytes (%d MiB for all)",
        (heapAfter - heapBefore) / (double) n, (heapAfter - heapBefore) >> 20));
    say("threads: " + threadCount() + " (platform and virtual, from a thread dump; "
        + ManagementFactory.getThreadMXBean().getThreadCount() + " platform)");
    idleCpu();

    long close0 = System.nanoTime();
    engine.close();
    say(String.format(Locale.ROOT, "graceful stop: %.2f s", secs(close0)));
    store.close();

    long open0 = System.nanoTime();
    store = JdbcExecutionStore.sqlite(file);
    engine = engine(store, "second");
    double opened = secs(open0);
    long rec0 = System.nanoTime();
    int taken = engine.recover().size();
    say(String.format(Locale.ROOT, "new process: store and engine ready in %.2f s; recover() took"
        + " over %d executions in %.2f s", opened, taken, secs(rec0)));
    say("pending approvals listed by the store: " + store.countPendingHumanSteps(null));
    idleCpu();

    long approve0 = System.nanoTime();
    List<CompletableFuture<?>> ends = new ArrayList<>(n);
    Semaphore inFlight = new Semaphore(64);
    List<Approval> all = store.pendingApprovals(null);
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (Approval a : all) {
        inFlight.acquire();
        Engine e = engine;
        threads.submit(() -> {
          try {
            e.approve(a.id(), null, "bench", null);
          } finally {
            inFlight.release();
          }
          return null;
        });
        ends.add(engine.result(a.execution()));
      }
    }
    CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
    say(String.format(Locale.ROOT, "approved all %d and all ended in %.1f s (%.0f a second)",
        all.size(), secs(approve0), all.size() / secs(approve0)));
    engine.close();
    store.close();
    say("load average at the end: " + Machine.loadAverage().orElse("unknown"));
  }

  private static Engine engine(JdbcExecutionStore store, String name) {
    return Engines.builder(store, ToolCatalog.of(new Send()))
        .options(EngineOptions.defaults(name + "-" + ProcessHandle.current().pid()))
        .build();
  }

  private static void idleCpu() throws InterruptedException {
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    Thread.sleep(10_000);
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    say(String.format(Locale.ROOT, "idle for %.1f s: %.3f s of CPU (%.2f%% of one core)",
        secs(t0), cpu, 100 * cpu / secs(t0)));
  }

  /** Every thread of the JVM, virtual ones included, counted from a JSON thread dump. */
  private static long threadCount() throws Exception {
    Path dump = Files.createTempFile("threads", ".json");
    Files.delete(dump);
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
    String json = Files.readString(dump);
    Files.delete(dump);
    return json.split("\"tid\"", -1).length - 1;
  }

  private static double secs(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void say(String line) {
    System.out.println(line);
  }
}
