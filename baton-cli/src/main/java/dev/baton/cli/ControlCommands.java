package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code baton pause|resume|cancel ID}. */
final class ControlCommands {
  private ControlCommands() {}

  @Command(name = "pause", description = "Start no new steps; in-flight steps finish.")
  static final class Pause implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ID", description = "An execution id")
    String id;

    @Override
    public Integer call() {
      Remote remote = main.remote();
      if (remote != null) {
        return remote.control("pause", id);
      }
      try (BatonApp app = main.open()) {
        app.engine().pause(Ids.execution(id), Main.who());
        System.out.println("paused " + id);
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "resume", description = "Continue a paused execution, or take over one whose"
      + " process is gone (orphaned), here if no live process holds it, and follow it.")
  static final class Resume implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ID", description = "An execution id")
    String id;

    @Override
    public Integer call() throws Exception {
      Remote remote = main.remote();
      if (remote != null) {
        return remote.control("resume", id);
      }
      try (BatonApp app = main.openToFollow()) {
        ExecutionId execution = Ids.execution(id);
        ExecutionState s = app.engine().state(execution);
        if (s.status() != ExecutionStatus.PAUSED && !s.status().terminal()) {
          // why: not paused but unfinished: if its process is gone, resuming means taking over
          app.engine().recover();
          if (!app.engine().running(execution)) {
            app.store().holder(execution, Instant.now()).ifPresent(p -> System.out.println(
                execution + " is running in process " + p.id() + " on " + p.host()
                    + "; nothing to resume"));
            return ExitCodes.OK;
          }
          System.out.println("took over " + id + " (its process was gone)");
          return FollowHere.ifRunningHere(app, execution);
        }
        app.engine().resume(execution, Main.who());
        System.out.println("resumed " + id);
        return FollowHere.ifRunningHere(app, execution);
      }
    }
  }

  @Command(name = "cancel", description = "Stop an execution; in-flight steps are interrupted.")
  static final class Cancel implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ID", description = "An execution id")
    String id;

    @Override
    public Integer call() {
      Remote remote = main.remote();
      if (remote != null) {
        return remote.control("cancel", id);
      }
      try (BatonApp app = main.open()) {
        app.engine().cancel(Ids.execution(id), Main.who());
        System.out.println("cancelled " + id);
        return ExitCodes.OK;
      }
    }
  }
}
