package dev.baton.core.exec;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.text.Redactor;

/**
 * A failure as it is stored: code, message, and whether another attempt could help. The message
 * has passed the shared {@link Redactor}, so no credential reaches an event.
 */
public record ErrorInfo(ErrorCode code, String message, boolean retryable) {
  public static ErrorInfo of(BatonException e) {
    return new ErrorInfo(e.code(), Redactor.clean(e.getMessage()), e.retryable());
  }
}
