package dev.baton.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The person's terminal: whether it is one, redrawing a block of lines, and reading answers. */
final class Terminal {
  private final PrintStream out;
  private final boolean interactive;
  private final BufferedReader in;
  private int drawn;

  Terminal(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
    this.in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
  }

  /** True when stdin and stdout are a terminal a person is looking at. */
  static boolean detect() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // why: from JDK 22 a Console exists even when redirected; isTerminal() says whether it is one
      return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  boolean interactive() {
    return interactive;
  }

  PrintStream out() {
    return out;
  }

  /** Replaces the block drawn last time with {@code lines}. */
  void redraw(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    if (drawn > 0) {
      sb.append("\u001b[").append(drawn).append('F');
    }
    for (String line : lines) {
      sb.append("\u001b[2K").append(line).append('\n');
    }
    for (int i = lines.size(); i < drawn; i++) {
      sb.append("\u001b[2K\n");
    }
    out.print(sb);
    out.flush();
    drawn = Math.max(lines.size(), drawn);
  }

  /** Forgets the drawn block so the next redraw starts below whatever was printed since. */
  void release() {
    drawn = 0;
  }

  /** The terminal's height from {@code LINES}, else 24. */
  static int height() {
    try {
      String lines = System.getenv("LINES");
      return lines == null ? 24 : Math.max(5, Integer.parseInt(lines.strip()));
    } catch (NumberFormatException e) {
      return 24;
    }
  }

  /**
   * Prints lines a screen at a time when they do not fit (Enter shows the next page, q the
   * rest at once is skipped to the question); all at once when not interactive.
   */
  void page(List<String> lines) {
    int page = Math.max(3, height() - 2);
    for (int i = 0; i < lines.size(); i++) {
      if (interactive && i > 0 && i % page == 0) {
        String answer = ask("-- " + i + " of " + lines.size() + " lines; Enter for more, q to"
            + " stop showing --");
        if (answer == null || answer.strip().startsWith("q")) {
          out.println("(" + (lines.size() - i) + " more lines: [v] shows them again, baton"
              + " status shows them all)");
          return;
        }
      }
      out.println(lines.get(i));
    }
    out.flush();
  }

  /** Reads one line; null at end of input. */
  String ask(String prompt) {
    out.print(prompt);
    out.flush();
    try {
      return in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
