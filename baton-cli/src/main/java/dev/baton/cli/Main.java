package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.app.BatonConfig;
import dev.baton.app.ConfigLoader;
import dev.baton.app.StartupLog;
import dev.baton.core.error.BatonException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code baton} command. */
@Command(name = "baton", mixinStandardHelpOptions = true, version = "baton 0.1.0",
    description = "Plans tool calls, runs them in parallel, asks before changing the world.")
public final class Main implements Callable<Integer> {
  /**
   * The subcommands, in the order help lists them. Picocli reads each one's annotations by
   * reflection when it is added, which is most of its start-up; see {@link #commandLine}.
   */
  private static final Map<String, Supplier<Object>> COMMANDS = commands();
  /** Options of {@code baton} itself that take a value (the next word when not {@code --x=v}). */
  private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--home", "--db", "--tenant");

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
    CommandLine cli = commandLine(args).setCaseInsensitiveEnumValuesAllowed(true);
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

  private static Map<String, Supplier<Object>> commands() {
    Map<String, Supplier<Object>> c = new LinkedHashMap<>();
    c.put("run", RunCommand::new);
    c.put("plan", PlanCommand::new);
    c.put("status", StatusCommand::new);
    c.put("pause", ControlCommands.Pause::new);
    c.put("resume", ControlCommands.Resume::new);
    c.put("cancel", ControlCommands.Cancel::new);
    c.put("approve", ApprovalCommands.Approve::new);
    c.put("reject", ApprovalCommands.Reject::new);
    c.put("recover", RecoverCommand::new);
    c.put("tools", ToolsCommand::new);
    c.put("validate", ValidateCommand::new);
    c.put("demo", DemoCommand::new);
    c.put("help", CommandLine.HelpCommand::new);
    return Collections.unmodifiableMap(c);
  }

  /**
   * The command line for these arguments: with only the subcommand they name when they name one
   * (what it parses and prints is the same), with every subcommand otherwise (no command, an
   * unknown one, {@code help}: usage and suggestions need them all).
   */
  static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new Main());
    String named = commandName(args);
    // why: help lists every command; and an unknown word must meet all of them to be refused or
    // corrected as before
    if (named != null && !named.equals("help") && COMMANDS.containsKey(named)) {
      cli.addSubcommand(COMMANDS.get(named).get());
    } else {
      COMMANDS.values().forEach(c -> cli.addSubcommand(c.get()));
    }
    return cli;
  }

  /** The first word that is neither an option of {@code baton} nor an option's value; or null. */
  static String commandName(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (OPTIONS_WITH_VALUE.contains(args[i])) {
        i++;
      } else if (!args[i].startsWith("-")) {
        return args[i];
      }
    }
    return null;
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
