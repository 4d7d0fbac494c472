package dev.baton.core.engine;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns whatever a tool threw into a {@link BatonException} the retry stage can judge. */
final class Failures {
  private Failures() {}

  static BatonException classify(Throwable t, String tool) {
    Throwable e = t instanceof ExecutionException && t.getCause() != null ? t.getCause() : t;
    return switch (e) {
      case BatonException b -> b;
      case InterruptedException i -> BatonException.of(ErrorCode.STEP_CANCELLED,
          tool + " was cancelled", i);
      case TimeoutException x -> BatonException.of(ErrorCode.STEP_TIMEOUT,
          tool + " timed out", x);
      case IOException io -> transientFailure(tool, io);
      case UncheckedIOException io -> transientFailure(tool, io);
      default -> BatonException.builder(ErrorCode.TOOL_FAILED, tool + " failed: " + e)
          .retryable(false).cause(e).build();
    };
  }

  private static BatonException transientFailure(String tool, Throwable e) {
    return BatonException.builder(ErrorCode.TOOL_UNAVAILABLE, tool + " failed: " + e)
        .retryable(true).cause(e).build();
  }
}
