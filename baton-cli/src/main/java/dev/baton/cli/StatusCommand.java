package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.json.Json;
import dev.baton.core.port.ExecutionSummary;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code baton status [ID]}: recent executions and pending approvals, or one execution's tree. */
@Command(name = "status", description = "List executions, or show one execution's steps.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Parameters(arity = "0..1", paramLabel = "ID", description = "An execution id")
  String id;

  @Option(names = "--limit", defaultValue = "20", description = "How many executions to list")
  int limit;

  @Option(names = "--json", description = "Print JSON")
  boolean json;

  @Override
  public Integer call() {
    try (BatonApp app = main.open()) {
      if (id != null) {
        // why: the store alone, not the engine: reading what is recorded needs no runner
        ExecutionState s = app.store().load(ExecutionId.of(id));
        if (json) {
          System.out.println(Json.write(app.store().summary(s.id()).orElseThrow()));
        } else {
          TreeRenderer.render(s, Instant.now(), false).forEach(System.out::println);
          s.pendingApprovals().forEach(a -> System.out.println("  pending approval " + a.id()
              + " for " + a.step() + ": " + Json.write(a.arguments())));
        }
        return ExitCodes.OK;
      }
      List<ExecutionSummary> list = app.store().list(app.config().tenant(), limit);
      List<Approval> pending = app.store().pendingApprovals(app.config().tenant());
      if (json) {
        System.out.println(Json.write(java.util.Map.of("executions", list, "pendingApprovals",
            pending.stream().map(a -> a.id().value()).toList())));
        return ExitCodes.OK;
      }
      if (list.isEmpty()) {
        System.out.println("No executions yet. Try: baton run --plan examples/demo-plan.json");
      }
      for (ExecutionSummary x : list) {
        System.out.printf("%-14s %-22s %3d/%-3d %10s  %s%n", x.id(), x.status(),
            x.stepsFinished(), x.stepsTotal(), PrintOut.age(x.createdAt()),
            PrintOut.preview(x.request()));
      }
      for (Approval a : pending) {
        System.out.println("pending approval " + a.id() + " (" + a.tool() + ")");
      }
      return ExitCodes.OK;
    }
  }
}
