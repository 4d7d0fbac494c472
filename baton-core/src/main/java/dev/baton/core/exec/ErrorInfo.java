package dev.baton.core.exec;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;

/** A failure as it is stored: code, message, and whether another attempt could help. */
public record ErrorInfo(ErrorCode code, String message, boolean retryable) {
  public static ErrorInfo of(BatonException e) {
    return new ErrorInfo(e.code(), e.getMessage(), e.retryable());
  }
}
