package dev.baton.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A short run of representative commands on a throw-away data folder, in one JVM, for the JDK's
 * ahead-of-time cache: the launcher runs it once per build with {@code -XX:AOTCacheOutput} (or
 * {@code -XX:ArchiveClassesAtExit} before JDK 25), so later starts find the classes these commands
 * use already loaded and linked. Not a command for people: it prints nothing and exits 0 even when
 * a command fails (a cache from part of the commands is still worth having).
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=baton.aot -cp baton.jar dev.baton.cli.AotTraining
 * [--prepare | --only plan|status|tools] DIR}, with an environment free of {@code BATON_*}
 * settings (no model, no PostgreSQL) but {@code BATON_HOME=DIR}, so nothing outside {@code DIR}
 * is touched and the commands run as people type them, without {@code --home}.
 *
 * <p>Several caches: without an option, every kind of command from a new folder (indexing the
 * workspace, running a plan); with {@code --only}, one of the commands people wait for, in a
 * folder already in use, which {@code --prepare} made so in a JVM of its own (one that records
 * nothing). The JVM loads every class of its cache at start, used or not: {@code status}'s cache
 * holds a fifth of the classes of the whole training, and none of the document readers, the
 * engine or the planner that it never touches.
 */
public final class AotTraining {
  private static final String HEBREW = "תקרא מה עשינו בדצמבר בתבואות ותקבע פגישה עם יואב";
  private static final String ENGLISH =
      "read what we did in December on Tevuot and set up a meeting with Yoav";

  private AotTraining() {}

  public static void main(String[] args) {
    String mode = String.join(" ", List.of(args).subList(0, Math.max(0, args.length - 1)));
    if (args.length < 1 || !List.of("", "--prepare", "--only plan", "--only status",
        "--only tools").contains(mode)) {
      System.err.println("usage: AotTraining [--prepare | --only plan|status|tools] DATA_FOLDER"
          + " (a throw-away folder)");
      System.exit(2);
    }
    String home = Path.of(args[args.length - 1]).toAbsolutePath().toString();
    // why: as people run them, when BATON_HOME names the folder: bare status, tools and plan take
    // a path of their own (Main.direct), and the cache should hold what that path loads
    boolean bare = home.equals(System.getenv("BATON_HOME"));
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    System.setOut(nowhere);
    System.setErr(nowhere);
    try {
      for (String[] command : commands(mode)) {
        run(bare ? null : home, command);
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    System.exit(0);
  }

  /** The commands to run, in order. */
  private static List<String[]> commands(String mode) {
    return switch (mode) {
      // why: the folder as people have it: the workspace indexed, an execution done
      case "--prepare" -> List.of(new String[] {"run", ENGLISH, "--yes"},
          new String[] {"plan", ENGLISH});
      case "--only plan" -> List.of(new String[] {"plan", HEBREW}, new String[] {"plan", ENGLISH},
          new String[] {"plan", "what's the weather"});
      case "--only status" -> List.<String[]>of(new String[] {"status"});
      case "--only tools" -> List.of(new String[] {"tools"}, new String[] {"tools", "--json"});
      // why: the commands people wait for most (plan, status, tools) first, in both languages
      default -> List.of(new String[] {"tools"}, new String[] {"plan", HEBREW},
          new String[] {"plan", ENGLISH}, new String[] {"status"}, new String[] {"tools", "--json"},
          new String[] {"run", ENGLISH, "--yes"}, new String[] {"status"},
          new String[] {"plan", "what's the weather"});
    };
  }

  /** Runs the command line, with {@code --home} first unless {@code home} is null. */
  private static void run(String home, String... command) {
    if (home == null) {
      Main.run(command);
      return;
    }
    String[] args = new String[command.length + 2];
    args[0] = "--home";
    args[1] = home;
    System.arraycopy(command, 0, args, 2, command.length);
    Main.run(args);
  }
}
