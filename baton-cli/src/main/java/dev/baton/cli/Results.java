package dev.baton.cli;

import dev.baton.core.json.Json;
import dev.baton.core.text.Visible;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A step's result for people, by tool: the summary's text and its decisions, the meeting's time,
 * attendees and link, the document's path, the files found. Tools it does not know are shown
 * field by field, in full. Every text passes {@link Visible}. Pure.
 */
final class Results {
  private Results() {}

  /** Lines (not yet wrapped) describing {@code output} of a step of {@code tool}. */
  static List<String> describe(String tool, JsonNode output) {
    List<String> out = new ArrayList<>();
    if (output == null || output.isNull() || output.isMissingNode()) {
      return out;
    }
    switch (tool) {
      case "analysis.summarize" -> {
        text(out, "summary", output.path("summary"));
        list(out, "decisions", output.path("decisions"));
        list(out, "open items", output.path("openItems"));
        if (output.path("sources").size() > 0) {
          out.add("read: " + joined(output.path("sources")));
        }
      }
      case "calendar.create_event" -> {
        out.add("meeting: \u201c" + v(output.path("title")) + "\u201d, " + v(output.path("when")));
        out.add("attendees: " + joined(output.path("attendees")));
        out.add("link: " + v(output.path("link")));
        if (!output.path("created").asBoolean(true)) {
          out.add("(it already existed: an earlier attempt of this step created it)");
        }
        list(out, "conflicts", output.path("conflicts"));
      }
      case "editor.write" -> out.add("wrote " + v(output.path("path")) + " ("
          + output.path("format").asString("") + ", " + output.path("bytes").asLong() + " bytes)"
          + (output.path("renamed").asBoolean(false) ? "; the name asked for was taken" : ""));
      case "files.search" -> {
        JsonNode hits = output.path("hits");
        out.add(hits.size() + " document(s) found");
        for (JsonNode h : hits) {
          out.add("- " + v(h.path("path")) + " (" + v(h.path("date")) + "): "
              + v(h.path("title")));
        }
      }
      case "files.read" -> out.add(v(output.path("path")) + ": "
          + output.path("text").asString("").length() + " characters"
          + (output.path("truncated").asBoolean(false) ? " (cut)" : ""));
      case "files.list" -> {
        JsonNode entries = output.path("entries");
        out.add(entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies"));
        for (JsonNode e : entries) {
          out.add("- " + v(e.path("path")) + (e.path("folder").asBoolean() ? "/"
              : e.path("link").asBoolean() ? " (link)" : " (" + e.path("bytes").asLong()
                  + " bytes)"));
        }
      }
      case "contacts.find" -> {
        JsonNode matches = output.path("matches");
        if (matches.isEmpty()) {
          out.add("nobody found");
        }
        for (JsonNode m : matches) {
          out.add("- " + v(m.path("name")) + " <" + v(m.path("email")) + ">"
              + (m.path("organization").asString("").isEmpty() ? ""
                  : ", " + v(m.path("organization"))));
        }
      }
      default -> fields(out, output);
    }
    return out;
  }

  private static void fields(List<String> out, JsonNode output) {
    if (!output.isObject()) {
      out.add(Visible.line(Json.write(output)));
      return;
    }
    for (var e : output.properties()) {
      JsonNode value = e.getValue();
      out.add(Visible.line(e.getKey()) + ": " + (value.isString() ? Visible.text(value.asString())
          : Visible.line(Json.write(value))));
    }
  }

  private static void text(List<String> out, String label, JsonNode node) {
    if (node.isString() && !node.asString().isBlank()) {
      out.add(label + ": " + Visible.text(node.asString().strip()));
    }
  }

  private static void list(List<String> out, String label, JsonNode node) {
    if (node.isArray() && !node.isEmpty()) {
      out.add(label + ":");
      for (JsonNode item : node) {
        out.add("- " + (item.isString() ? Visible.text(item.asString())
            : Visible.line(Json.write(item))));
      }
    }
  }

  private static String joined(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(n -> parts.add(v(n)));
    return String.join(", ", parts);
  }

  private static String v(JsonNode n) {
    return n.isString() ? Visible.line(n.asString()) : n.isMissingNode() || n.isNull() ? ""
        : Visible.line(Json.write(n));
  }
}
