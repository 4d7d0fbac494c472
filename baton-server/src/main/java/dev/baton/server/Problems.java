package dev.baton.server;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.json.Json;
import dev.baton.core.text.Redactor;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place a failure becomes an HTTP status: an RFC 9457 problem document
 * ({@code application/problem+json}) with the stable {@link ErrorCode} in {@code code}, whether
 * trying again may help, and every located problem ({@code problems[].location} is a JSON pointer
 * or path into the request).
 */
public final class Problems {
  public static final String TYPE_BASE = "https://baton.dev/problems/";
  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  /** The HTTP status of a code. */
  public static int status(ErrorCode code) {
    return switch (code) {
      case PLAN_MALFORMED, REQUEST_INVALID, CONFIG_INVALID -> 400;
      case AUTH_REQUIRED -> 401;
      case AUTH_FORBIDDEN -> 403;
      case EXECUTION_NOT_FOUND, APPROVAL_NOT_FOUND, TOOL_NOT_FOUND, NOT_FOUND -> 404;
      case EXECUTION_ILLEGAL_TRANSITION, APPROVAL_ALREADY_DECIDED, STORE_CONFLICT -> 409;
      case REQUEST_TOO_LARGE -> 413;
      case PLAN_INVALID, PLAN_NOT_UNDERSTOOD, APPROVAL_INVALID_EDIT, STEP_INPUT_INVALID,
          IDEMPOTENCY_KEY_REUSED, WEBHOOK_TARGET_REFUSED -> 422;
      case RATE_LIMITED, MODEL_RATE_LIMITED -> 429;
      case STORE_UNAVAILABLE, TOOL_UNAVAILABLE, SERVER_UNREACHABLE -> 503;
      case MODEL_FAILED, MODEL_TIMEOUT, MODEL_REFUSED -> 502;
      default -> 500;
    };
  }

  /** The problem document for a failure. */
  public static ObjectNode document(BatonException e, String instance) {
    int status = status(e.code());
    ObjectNode doc = Json.object();
    doc.put("type", TYPE_BASE + e.code().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    doc.put("title", title(e.code()));
    doc.put("status", status);
    // why: an internal failure's message may name files, SQL or hosts; say only what happened
    doc.put("detail", status >= 500 && e.code() == ErrorCode.INTERNAL
        ? "the server failed; see its log" : Redactor.clean(e.getMessage()));
    if (instance != null) {
      doc.put("instance", instance);
    }
    doc.put("code", e.code().name());
    doc.put("retryable", e.retryable());
    e.retryAfter().ifPresent(d -> doc.put("retryAfterSeconds", Math.max(1, d.toSeconds())));
    List<Problem> problems = e.problems();
    if (!problems.isEmpty()) {
      ArrayNode list = doc.putArray("problems");
      for (Problem p : problems) {
        list.addObject().put("location", p.location()).put("message",
            Redactor.clean(p.message()));
      }
    }
    return doc;
  }

  /** Writes the failure to the response. */
  public static void write(Context ctx, BatonException e) {
    ObjectNode doc = document(e, ctx.path());
    ctx.status(doc.get("status").asInt());
    e.retryAfter().ifPresent(d -> ctx.header("Retry-After",
        Long.toString(Math.max(1, d.toSeconds()))));
    ctx.contentType(CONTENT_TYPE).result(Json.write(doc));
  }

  static String title(ErrorCode code) {
    String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
