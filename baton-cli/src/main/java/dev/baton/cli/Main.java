package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.app.BatonConfig;
import dev.baton.app.ConfigLoader;
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
        ApprovalCommands.Reject.class, AnswerCommand.class, RecoverCommand.class,
        ToolsCommand.class,
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

  @Option(names = "--debug", description = "Print stack traces and library warnings")
  boolean debug;

  public static void main(String[] args) {
    // why: Lucene logs through java.util.logging that the Vector API is not enabled; nothing a
    // person can act on, and it lands in the middle of the live view
    LUCENE_LOG.setLevel(java.util.logging.Level.SEVERE);
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code, without exiting. */
  public static int run(String... args) {
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    // why: libraries (the connection pool above all) log failures with stack traces; a person
    // gets one line from us instead, and the traces with --debug
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "warn" : "off");
    Main main = new Main();
    CommandLine cli = new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((ex, line, parsed) ->
        Errors.report(ex, line.getErr(), debug));
    cli.setParameterExceptionHandler((ex, parsedArgs) -> {
      var err = ex.getCommandLine().getErr();
      err.println(Errors.PREFIX + dev.baton.core.text.Visible.line(
          dev.baton.core.text.Visible.shorten(String.valueOf(ex.getMessage()), 300)));
      err.println(Errors.PREFIX + "see: baton " + ex.getCommandLine().getCommandName()
          .replace("baton", "").strip() + " --help");
      err.flush();
      return ExitCodes.BAD_INPUT;
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
    return ConfigLoader.load(home, System.getenv(), flags);
  }

  /** Baton for a command that does not run executions other processes left behind. */
  BatonApp open() {
    return BatonApp.open(config(), false);
  }

  /**
   * Baton for a command that follows an execution: after a command it runs the execution here if
   * no live process holds it.
   */
  BatonApp openToFollow() {
    return BatonApp.open(config(), true);
  }

  static String who() {
    return System.getProperty("user.name", "cli");
  }
}
