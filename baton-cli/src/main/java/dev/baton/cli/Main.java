package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.app.BatonConfig;
import dev.baton.app.ConfigLoader;
import dev.baton.app.StartupLog;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code baton} command. */
@Command(name = "baton", mixinStandardHelpOptions = true, version = "baton 0.1.0",
    description = "Plans tool calls, runs them in parallel, asks before changing the world.")
public final class Main implements Callable<Integer> {
  /**
   * The subcommands' names, in the order help lists them. Picocli reads each one's annotations by
   * reflection when it is added, which is most of its start-up; see {@link #commandLine}.
   */
  private static final List<String> COMMANDS = List.of("run", "plan", "status", "pause", "resume",
      "cancel", "approve", "reject", "answer", "recover", "tools", "validate", "demo", "help",
      "serve", "keys", "feedback", "memory", "forget", "mcp");
  /** Options of {@code baton} itself that take a value (the next word when not {@code --x=v}). */
  private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--home", "--db", "--tenant",
      "--server");

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

  @Option(names = "--server", description = "Talk to a running `baton serve` at this URL"
      + " (default: $BATON_SERVER; key from $BATON_API_KEY or $BATON_API_KEY_FILE)")
  String server;

  /** The server to talk to (--server or BATON_SERVER), or null to work in-process. */
  Remote remote() {
    return Remote.of(server, home, System.getenv());
  }

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
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    // why: libraries (the connection pool above all) log failures with stack traces; a person
    // gets one line from us instead, and the traces with --debug
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "warn" : "off");
    Callable<Integer> direct = direct(args);
    if (direct != null) {
      return callDirectly(direct, debug);
    }
    CommandLine cli = commandLine(args).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((ex, line, parsed) ->
        Errors.report(ex, line.getErr(), debug));
    cli.setParameterExceptionHandler((ex, parsedArgs) -> {
      var err = ex.getCommandLine().getErr();
      err.println(Errors.PREFIX + dev.baton.core.text.Visible.line(
          dev.baton.core.text.Visible.shorten(String.valueOf(ex.getMessage()), 300)));
      if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
          && !unmatched.getSuggestions().isEmpty()) {
        // why: a mistyped command is most often one letter off; say which one was meant
        err.println(Errors.PREFIX + "did you mean: " + String.join(", ",
            unmatched.getSuggestions()) + "?");
      }
      err.println(Errors.PREFIX + "see: baton " + ex.getCommandLine().getCommandName()
          .replace("baton", "").strip() + " --help");
      err.flush();
      return ExitCodes.BAD_INPUT;
    });
    return cli.execute(args);
  }

  /**
   * The command for the plainest forms of the commands people wait for: {@code status},
   * {@code tools} and {@code plan REQUEST}, with nothing else on the line; null for anything else,
   * which picocli parses. The command is the one picocli would make (no option given, so every
   * field keeps its initial value; {@code MainTest} compares them).
   *
   * <p>Why: picocli reads the command's annotations by reflection in every process, and its
   * classes, compiled for Java 5, cannot be in the JDK's AOT cache: about 0.1 s of each of these
   * commands, a sixth of {@code status}.
   */
  static Callable<Integer> direct(String... args) {
    if (args.length == 1 && args[0].equals("status")) {
      StatusCommand status = new StatusCommand();
      status.main = new Main();
      return status;
    }
    if (args.length == 1 && args[0].equals("tools")) {
      ToolsCommand tools = new ToolsCommand();
      tools.main = new Main();
      return tools;
    }
    // why: a word picocli would read otherwise (an option, "--", an @file of arguments) goes to it
    if (args.length == 2 && args[0].equals("plan") && !args[1].startsWith("-")
        && !args[1].startsWith("@")) {
      PlanCommand plan = new PlanCommand();
      plan.main = new Main();
      plan.request = args[1];
      return plan;
    }
    return null;
  }

  /** Runs the command as picocli's {@code execute} does: its exit code, or the error reported. */
  private static int callDirectly(Callable<Integer> command, boolean debug) {
    try {
      Integer exit = command.call();
      return exit == null ? ExitCodes.OK : exit;
    } catch (Exception e) {
      // why: the writer picocli gives the handler on this platform: standard error, the default
      // charset, flushed at each line
      PrintWriter err = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.err,
          Charset.defaultCharset())), true);
      int exit = Errors.report(e, err, debug);
      err.flush();
      return exit;
    }
  }

  // why: a switch, not a map of constructor references: the JDK's AOT cache (25.0.3) crashes
  // while archiving a lambda that names a class it cannot archive (picocli's HelpCommand)
  private static Object command(String name) {
    return switch (name) {
      case "run" -> new RunCommand();
      case "plan" -> new PlanCommand();
      case "status" -> new StatusCommand();
      case "pause" -> new ControlCommands.Pause();
      case "resume" -> new ControlCommands.Resume();
      case "cancel" -> new ControlCommands.Cancel();
      case "approve" -> new ApprovalCommands.Approve();
      case "reject" -> new ApprovalCommands.Reject();
      case "answer" -> new AnswerCommand();
      case "recover" -> new RecoverCommand();
      case "tools" -> new ToolsCommand();
      case "validate" -> new ValidateCommand();
      case "demo" -> new DemoCommand();
      case "help" -> new CommandLine.HelpCommand();
      case "serve" -> new ServeCommand();
      case "keys" -> new KeysCommand();
      case "feedback" -> new LearningCommands.Rate();
      case "memory" -> new LearningCommands.Memory();
      case "forget" -> new LearningCommands.Forget();
      case "mcp" -> new McpCommand();
      default -> throw new IllegalArgumentException("no command " + name);
    };
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
    if (named != null && !named.equals("help") && COMMANDS.contains(named)) {
      cli.addSubcommand(command(named));
    } else {
      for (String name : COMMANDS) {
        cli.addSubcommand(command(name));
      }
    }
    cli.getSubcommands().values().forEach(Main::withHelp);
    return cli;
  }

  /**
   * Gives a command and its own subcommands {@code -h}/{@code --help}: picocli's errors end with
   * "see: baton COMMAND --help", which must then work.
   */
  private static void withHelp(CommandLine command) {
    var spec = command.getCommandSpec();
    if (spec.findOption("--help") == null && spec.findOption("-h") == null) {
      spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
          .description("Show this help message and exit.").build());
    }
    command.getSubcommands().values().forEach(Main::withHelp);
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
    // why: with every subcommand, so the usage lists them all
    commandLine().usage(System.out);
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
