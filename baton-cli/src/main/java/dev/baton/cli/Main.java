package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.app.BatonConfig;
import dev.baton.app.ConfigLoader;
import dev.baton.app.StartupLog;
import dev.baton.core.error.BatonException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code baton} command. */
@Command(name = "baton", mixinStandardHelpOptions = true, version = "baton 0.1.0",
    description = "Plans tool calls, runs them in parallel, asks before changing the world.",
    subcommands = {RunCommand.class, PlanCommand.class, StatusCommand.class, ControlCommands.Pause.class,
        ControlCommands.Resume.class, ControlCommands.Cancel.class, ApprovalCommands.Approve.class,
        ApprovalCommands.Reject.class, RecoverCommand.class, ToolsCommand.class,
        ValidateCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  // why: held in a field, or the JUL logger (and its level) can be garbage collected
  private static final java.util.logging.Logger LUCENE_LOG =
      java.util.logging.Logger.getLogger("org.apache.lucene");

  @Option(names = "--home", description = "Data folder (default: $BATON_HOME or ./.baton)")
  Path home;

  @Option(names = "--db", description = "Store: a jdbc:postgresql: url (default: SQLite in the"
      + " data folder)")
  String db;

  @Option(names = "--tenant", description = "Tenant to act for (default: default)")
  String tenant;

  public static void main(String[] args) {
    // why: Lucene logs through java.util.logging that the Vector API is not enabled; nothing a
    // person can act on, and it lands in the middle of the live view
    LUCENE_LOG.setLevel(java.util.logging.Level.SEVERE);
    StartupLog.mark("main");
    int exit = run(args);
    StartupLog.mark("done");
    System.exit(exit);
  }

  /** Runs the command line and returns the exit code, without exiting. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((ex, line, parsed) -> {
      if (ex instanceof BatonException b) {
        line.getErr().println("error: " + b.getMessage());
        return ExitCodes.of(b);
      }
      line.getErr().println("error: " + ex);
      return ExitCodes.EXECUTION_FAILED;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return ExitCodes.OK;
  }

  BatonConfig config() {
    Map<String, String> flags = new LinkedHashMap<>();
    if (db != null) {
      flags.put("store.url", db);
    }
    if (tenant != null) {
      flags.put("tenant", tenant);
    }
    BatonConfig config = ConfigLoader.load(home, System.getenv(), flags);
    StartupLog.mark("configuration read");
    return config;
  }

  /**
   * Baton for a command that does not run executions other processes left behind. Each part
   * (store, catalogue, engine) opens when the command first uses it: a command answers as fast as
   * what it needs allows.
   */
  BatonApp open() {
    return BatonApp.lazy(config(), false);
  }

  /**
   * Baton for a command that follows an execution: after a command it runs the execution here if
   * no live process holds it. Parts open on first use, as for {@link #open()}.
   */
  BatonApp openToFollow() {
    return BatonApp.lazy(config(), true);
  }

  static String who() {
    return System.getProperty("user.name", "cli");
  }
}
