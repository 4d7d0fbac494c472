package dev.baton.cli;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Question;
import dev.baton.core.json.Json;
import dev.baton.core.text.Visible;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A clarifying question for people, and a person's reply as its answer: the number of a candidate
 * (its value), JSON (taken as it is), or plain text (as the answer's {@code value}). The engine
 * checks the answer against the question tool's output schema.
 */
final class Answers {
  private Answers() {}

  /** The question, its candidates numbered with the reason for each, and how to answer. */
  static List<String> lines(Question q) {
    List<String> out = new ArrayList<>();
    JsonNode in = q.input();
    out.add("? " + q.step() + " (" + q.tool() + ") asks: "
        + Visible.line(in.path("question").asString(Json.write(in))));
    JsonNode candidates = in.path("candidates");
    for (int i = 0; i < candidates.size(); i++) {
      JsonNode c = candidates.get(i);
      String label = c.isObject() ? c.path("label").asString(c.path("value").asString(""))
          : c.asString(Json.write(c));
      String reason = c.path("reason").asString("");
      out.add("  " + (i + 1) + ". " + Visible.line(label)
          + (reason.isBlank() ? "" : " (" + Visible.line(reason) + ")"));
    }
    JsonNode fields = in.path("fields");
    for (JsonNode f : fields) {
      String about = f.path("description").asString(f.path("title").asString(""));
      out.add("  " + Visible.line(f.path("name").asString()) + " (" + f.path("type").asString()
          + (f.path("required").asBoolean() ? ", required" : "") + ")"
          + (about.isBlank() ? "" : ": " + Visible.line(about))
          + (f.has("enum") ? "; one of " + Visible.line(Json.write(f.get("enum"))) : ""));
    }
    if (fields.size() > 1) {
      out.add("  answer with JSON, e.g. {\"" + fields.get(0).path("name").asString()
          + "\": ...}");
    }
    return out;
  }

  /** The answer a reply gives to {@code q}. @throws BatonException APPROVAL_INVALID_EDIT */
  static JsonNode of(Question q, String reply) {
    return of(q.input(), reply);
  }

  /**
   * The answer a reply gives to a question that asks {@code input}.
   *
   * @throws BatonException APPROVAL_INVALID_EDIT
   */
  static JsonNode of(JsonNode input, String reply) {
    String text = reply == null ? "" : reply.strip();
    if (text.isEmpty()) {
      throw BatonException.of(ErrorCode.APPROVAL_INVALID_EDIT, "an empty reply answers nothing");
    }
    JsonNode candidates = input.path("candidates");
    if (text.matches("\\d{1,3}") && candidates.isArray()) {
      int n = Integer.parseInt(text);
      if (n < 1 || n > candidates.size()) {
        throw BatonException.of(ErrorCode.APPROVAL_INVALID_EDIT, "choose 1 to "
            + candidates.size() + ", not " + n);
      }
      JsonNode c = candidates.get(n - 1);
      ObjectNode answer = Json.object();
      answer.set("value", c.isObject() && c.has("value") ? c.get("value") : c);
      return answer;
    }
    if (text.startsWith("{")) {
      return Json.parse(text, ErrorCode.APPROVAL_INVALID_EDIT, "The answer");
    }
    return Json.object().put("value", text);
  }
}
