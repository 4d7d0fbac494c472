package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.exec.ExecutionId;
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
      try (BatonApp app = main.open()) {
        app.engine().pause(Ids.execution(id), Main.who());
        System.out.println("paused " + id);
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "resume", description = "Continue a paused execution (here, if no process"
      + " runs it) and follow it.")
  static final class Resume implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ID", description = "An execution id")
    String id;

    @Override
    public Integer call() throws Exception {
      try (BatonApp app = main.openToFollow()) {
        ExecutionId execution = Ids.execution(id);
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
      try (BatonApp app = main.open()) {
        app.engine().cancel(Ids.execution(id), Main.who());
        System.out.println("cancelled " + id);
        return ExitCodes.OK;
      }
    }
  }
}
