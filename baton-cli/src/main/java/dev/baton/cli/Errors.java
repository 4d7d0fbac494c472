package dev.baton.cli;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.text.Redactor;
import dev.baton.core.text.Visible;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * How every command reports a failure: lines starting with {@link #PREFIX}, credentials redacted,
 * invisible characters shown, and the exit code for its kind; a stack trace only with
 * {@code --debug}.
 */
final class Errors {
  /** The one prefix of every error line, in every command. */
  static final String PREFIX = "error: ";
  /** The most characters of one error shown; the rest is said to exist. */
  static final int MAX_CHARS = 4_000;

  private Errors() {}

  /** Prints the failure and returns the exit code. */
  static int report(Throwable ex, PrintWriter err, boolean debug) {
    int exit;
    String message;
    if (ex instanceof BatonException b) {
      exit = ExitCodes.of(b);
      message = b.getMessage();
    } else if (ex instanceof IllegalArgumentException) {
      exit = ExitCodes.BAD_INPUT;
      message = ex.getMessage();
    } else if (ex instanceof UncheckedIOException io) {
      exit = ExitCodes.UNAVAILABLE;
      message = io.getMessage() + (io.getCause() == null ? "" : ": " + io.getCause().getMessage());
    } else {
      exit = ExitCodes.EXECUTION_FAILED;
      message = ex.getClass().getSimpleName() + (ex.getMessage() == null ? ""
          : ": " + ex.getMessage());
    }
    String text = Redactor.clean(String.valueOf(message));
    if (text.length() > MAX_CHARS) {
      text = text.substring(0, MAX_CHARS) + "… (" + (text.length() - MAX_CHARS)
          + " more characters)";
    }
    for (String line : text.split("\n")) {
      err.println(PREFIX + Visible.line(line.stripTrailing()));
    }
    if (debug) {
      ex.printStackTrace(err);
    } else if (!(ex instanceof BatonException b) || b.code() == ErrorCode.INTERNAL) {
      err.println(PREFIX + "(run with --debug for the details)");
    }
    err.flush();
    return exit;
  }
}
