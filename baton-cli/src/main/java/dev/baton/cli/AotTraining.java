package dev.baton.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A short run of representative commands on a throw-away data folder, in one JVM, for the JDK's
 * ahead-of-time cache: the launcher runs it once per build with {@code -XX:AOTCacheOutput} (or
 * {@code -XX:ArchiveClassesAtExit} before JDK 25), so later starts find the classes these commands
 * use already loaded and linked. Not a command for people: it prints nothing and exits 0 even when
 * a command fails (a cache from part of the commands is still worth having).
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=baton.aot -cp baton.jar dev.baton.cli.AotTraining DIR},
 * with an environment free of {@code BATON_*} settings (no model, no PostgreSQL), so nothing
 * outside {@code DIR} is touched.
 */
public final class AotTraining {
  private static final String HEBREW = "תקרא מה עשינו בדצמבר בתבואות ותקבע פגישה עם יואב";
  private static final String ENGLISH =
      "read what we did in December on Tevuot and set up a meeting with Yoav";

  private AotTraining() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: AotTraining DATA_FOLDER (a throw-away folder)");
      System.exit(2);
    }
    String home = Path.of(args[0]).toAbsolutePath().toString();
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    System.setOut(nowhere);
    System.setErr(nowhere);
    try {
      // why: the commands people wait for most (plan, status, tools) first, in both languages
      run(home, "tools");
      run(home, "plan", HEBREW);
      run(home, "plan", ENGLISH);
      run(home, "status");
      run(home, "tools", "--json");
      run(home, "run", ENGLISH, "--yes");
      run(home, "status");
      run(home, "plan", "what's the weather");
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    System.exit(0);
  }

  private static void run(String home, String... command) {
    String[] args = new String[command.length + 2];
    args[0] = "--home";
    args[1] = home;
    System.arraycopy(command, 0, args, 2, command.length);
    Main.run(args);
  }
}
