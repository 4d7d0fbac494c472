package dev.baton.model;

import dev.baton.core.text.Redactor;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.Map;

/**
 * Turns whatever a LangChain4j call threw into one {@link BatonException} with a MODEL_* code,
 * keeping the cause: HTTP 429 is MODEL_RATE_LIMITED (with the wait asked for), a timeout
 * MODEL_TIMEOUT, 5xx and broken connections MODEL_FAILED (retryable), other 4xx and content
 * filters MODEL_REFUSED, anything else MODEL_FAILED (not retryable: it will not heal by itself).
 */
final class ModelFailures {
  private static final int MAX_BODY_CHARS = 300;

  private ModelFailures() {}

  static BatonException map(Throwable thrown, String model) {
    if (thrown instanceof BatonException b) {
      return b;
    }
    HttpException http = find(thrown, HttpException.class);
    if (http != null) {
      return httpFailure(http, model, thrown);
    }
    if (find(thrown, TimeoutException.class) != null
        || find(thrown, HttpTimeoutException.class) != null) {
      return failure(ErrorCode.MODEL_TIMEOUT, model + " did not answer in time", model, thrown)
          .build();
    }
    if (find(thrown, ContentFilteredException.class) != null) {
      return failure(ErrorCode.MODEL_REFUSED, model + " refused: its content filter stopped "
          + "the answer", model, thrown).build();
    }
    if (find(thrown, InterruptedException.class) != null) {
      return failure(ErrorCode.MODEL_FAILED, "interrupted while waiting for " + model, model,
          thrown).retryable(false).build();
    }
    if (find(thrown, IOException.class) != null
        || find(thrown, UnresolvedModelServerException.class) != null) {
      return failure(ErrorCode.MODEL_FAILED, "could not reach " + model + ": "
          + rootMessage(thrown), model, thrown).retryable(true).build();
    }
    return failure(ErrorCode.MODEL_FAILED, model + " failed: " + rootMessage(thrown), model, thrown)
        .retryable(false).build();
  }

  private static BatonException httpFailure(HttpException http, String model, Throwable thrown) {
    int status = http.statusCode();
    String said = model + " answered HTTP " + status + ": " + shorten(http.getMessage());
    if (status == 429) {
      var b = failure(ErrorCode.MODEL_RATE_LIMITED, said, model, thrown);
      if (http instanceof ModelHttpException withWait) {
        withWait.retryAfter().ifPresent(b::retryAfter);
      }
      return b.build();
    }
    if (status == 408) {
      return failure(ErrorCode.MODEL_TIMEOUT, said, model, thrown).build();
    }
    if (status >= 500) {
      return failure(ErrorCode.MODEL_FAILED, said, model, thrown).retryable(true).build();
    }
    return failure(ErrorCode.MODEL_REFUSED, said, model, thrown).build();
  }

  private static BatonException.Builder failure(ErrorCode code, String message, String model,
      Throwable cause) {
    // why: a server's error body may echo the key or the Authorization header; the message is
    // stored with the execution and printed, so it passes the redactor here, where it is made.
    // The cause is kept for --debug only, and is not stored.
    return BatonException.builder(code, Redactor.clean(message)).cause(cause)
        .details(Map.of("model", model));
  }

  private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String rootMessage(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String shorten(String text) {
    if (text == null) {
      return "(no body)";
    }
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_BODY_CHARS ? flat : flat.substring(0, MAX_BODY_CHARS) + "…";
  }
}
