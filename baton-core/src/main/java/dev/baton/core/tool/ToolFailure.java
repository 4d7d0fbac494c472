package dev.baton.core.tool;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.time.Duration;

/** How a tool tells the engine whether trying again can help. */
public final class ToolFailure {
  private ToolFailure() {}

  /** A failure that no retry can fix (bad input, not found, refused). */
  public static BatonException permanent(String message) {
    return BatonException.builder(ErrorCode.TOOL_FAILED, message).retryable(false).build();
  }

  public static BatonException permanent(String message, Throwable cause) {
    return BatonException.builder(ErrorCode.TOOL_FAILED, message).retryable(false).cause(cause)
        .build();
  }

  /** A transient failure (server down, 5xx, connection reset): retry with backoff. */
  public static BatonException retryable(String message) {
    return BatonException.builder(ErrorCode.TOOL_UNAVAILABLE, message).retryable(true).build();
  }

  public static BatonException retryable(String message, Throwable cause) {
    return BatonException.builder(ErrorCode.TOOL_UNAVAILABLE, message).retryable(true)
        .cause(cause).build();
  }

  /** A transient failure with the server's own hint of when to come back (HTTP 429, Retry-After). */
  public static BatonException retryAfter(String message, Duration after) {
    return BatonException.builder(ErrorCode.TOOL_UNAVAILABLE, message).retryAfter(after).build();
  }
}
