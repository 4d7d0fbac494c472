package dev.baton.dashboard;

import tools.jackson.databind.JsonNode;

/**
 * JSON shown to people: objects and arrays fold (HTML {@code details}; the first levels open,
 * deeper ones and long lists closed), strings keep their line breaks, and every key and value is
 * escaped, so a document holding markup or script is shown as text. Pure: a tree in, HTML out.
 */
public final class JsonView {
  /** Levels open at first. */
  static final int OPEN_DEPTH = 2;
  /** Longer arrays and objects start folded. */
  static final int OPEN_SIZE = 12;

  private JsonView() {}

  public static String html(JsonNode node) {
    StringBuilder out = new StringBuilder("<div class=\"json\">");
    value(node, 0, out);
    return out.append("</div>").toString();
  }

  private static void value(JsonNode node, int depth, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("<span class=\"j-null\">null</span>");
    } else if (node.isObject()) {
      container(node, depth, out, "{", "}", true);
    } else if (node.isArray()) {
      container(node, depth, out, "[", "]", false);
    } else if (node.isString()) {
      out.append("<span class=\"j-str\">").append(Html.escape(node.asString())).append("</span>");
    } else if (node.isNumber()) {
      out.append("<span class=\"j-num\">").append(Html.escape(node.asString())).append("</span>");
    } else if (node.isBoolean()) {
      out.append("<span class=\"j-bool\">").append(node.asBoolean()).append("</span>");
    } else {
      out.append("<span>").append(Html.escape(node.toString())).append("</span>");
    }
  }

  private static void container(JsonNode node, int depth, StringBuilder out, String open,
      String close, boolean object) {
    if (node.isEmpty()) {
      out.append("<span class=\"j-empty\">").append(open).append(close).append("</span>");
      return;
    }
    boolean expanded = depth < OPEN_DEPTH && node.size() <= OPEN_SIZE;
    out.append("<details").append(expanded ? " open" : "").append("><summary>").append(open)
        .append(' ').append(node.size()).append(object ? " …" : " ×").append(' ').append(close)
        .append("</summary><ul>");
    if (object) {
      for (var e : node.properties()) {
        out.append("<li><span class=\"j-key\">").append(Html.escape(e.getKey()))
            .append("</span>: ");
        value(e.getValue(), depth + 1, out);
        out.append("</li>");
      }
    } else {
      for (JsonNode item : node) {
        out.append("<li>");
        value(item, depth + 1, out);
        out.append("</li>");
      }
    }
    out.append("</ul></details>");
  }
}
