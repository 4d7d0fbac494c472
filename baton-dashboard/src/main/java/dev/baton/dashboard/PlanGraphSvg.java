package dev.baton.dashboard;

import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanGraph;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan drawn as a graph, in SVG, on the server: a column per depth (a step sits one column
 * after its deepest dependency), so the steps that may run side by side share a column; an arrow
 * per dependency; each node coloured by its step's state, its title and reason in a tooltip.
 * Pure: plan, states and reasons in, SVG text out. Columns run right to left in Hebrew.
 */
public final class PlanGraphSvg {
  static final double NODE_W = 168;
  static final double NODE_H = 40;
  static final double GAP_X = 44;
  static final double GAP_Y = 14;

  private PlanGraphSvg() {}

  /** Where a node is drawn. */
  public record Node(StepId step, int column, int row, double x, double y) {}

  /** The placement of every step (column = longest chain of dependencies before it). */
  public static Map<StepId, Node> layout(Plan plan, boolean rtl) {
    PlanGraph graph = PlanGraph.of(plan);
    Map<StepId, Integer> depth = new HashMap<>();
    for (Step step : plan.steps()) {
      depthOf(step.id(), graph, depth, 0);
    }
    int columns = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    Map<Integer, Integer> rows = new HashMap<>();
    Map<StepId, Node> out = new LinkedHashMap<>();
    for (Step step : plan.steps()) {
      int c = depth.get(step.id());
      int r = rows.merge(c, 1, Integer::sum) - 1;
      int visual = rtl ? columns - 1 - c : c;
      out.put(step.id(), new Node(step.id(), c, r, 8 + visual * (NODE_W + GAP_X),
          8 + r * (NODE_H + GAP_Y)));
    }
    return out;
  }

  private static int depthOf(StepId id, PlanGraph graph, Map<StepId, Integer> depth, int guard) {
    Integer known = depth.get(id);
    if (known != null) {
      return known;
    }
    if (guard > 10_000) {
      throw new IllegalStateException("plan graph too deep or cyclic");
    }
    int d = 0;
    for (StepId dep : graph.dependencies(id)) {
      d = Math.max(d, depthOf(dep, graph, depth, guard + 1) + 1);
    }
    depth.put(id, d);
    return d;
  }

  /**
   * The SVG. {@code status} gives each step's state (missing: pending); {@code reasons} the
   * planner's reason per step (may be empty); node links point at {@code #step-ID}.
   */
  public static String svg(Plan plan, Map<StepId, StepStatus> status, Map<StepId, String> reasons,
      Messages m) {
    boolean rtl = m.lang().rtl();
    Map<StepId, Node> nodes = layout(plan, rtl);
    PlanGraph graph = PlanGraph.of(plan);
    double w = 16, h = 16;
    for (Node n : nodes.values()) {
      w = Math.max(w, n.x() + NODE_W + 8);
      h = Math.max(h, n.y() + NODE_H + 8);
    }
    StringBuilder out = new StringBuilder();
    out.append("<svg class=\"plan-graph\" role=\"group\" viewBox=\"0 0 ").append(Timeline.num(w))
        .append(' ').append(Timeline.num(h)).append("\" width=\"").append(Timeline.num(w))
        .append("\" aria-label=\"").append(Html.escape(m.t("graph.label"))).append("\">")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\"")
        .append(" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
        .append("<path d=\"M0,0 L10,5 L0,10 z\" class=\"arrow-head\"/></marker></defs>");
    List<String> edges = new ArrayList<>();
    for (Step step : plan.steps()) {
      Node to = nodes.get(step.id());
      for (StepId dep : graph.dependencies(step.id())) {
        Node from = nodes.get(dep);
        double x1 = rtl ? from.x() : from.x() + NODE_W;
        double x2 = rtl ? to.x() + NODE_W : to.x();
        double y1 = from.y() + NODE_H / 2;
        double y2 = to.y() + NODE_H / 2;
        double mid = (x1 + x2) / 2;
        edges.add("<path class=\"edge\" data-from=\"" + Html.escape(dep.value()) + "\" data-to=\""
            + Html.escape(step.id().value()) + "\" d=\"M" + Timeline.num(x1) + "," + Timeline.num(y1)
            + " C" + Timeline.num(mid) + "," + Timeline.num(y1) + " " + Timeline.num(mid) + ","
            + Timeline.num(y2) + " " + Timeline.num(x2) + "," + Timeline.num(y2)
            + "\" marker-end=\"url(#arrow)\"/>");
      }
    }
    edges.forEach(out::append);
    for (Step step : plan.steps()) {
      Node n = nodes.get(step.id());
      StepStatus s = status.get(step.id());
      String label = Labels.step(step, m.lang());
      String reason = reasons.getOrDefault(step.id(), "");
      out.append("<a href=\"#step-").append(Html.escape(step.id().value())).append("\">")
          .append("<g class=\"node ").append(Labels.statusClass(s)).append("\" data-step=\"")
          .append(Html.escape(step.id().value())).append("\">")
          .append("<title>").append(Html.escape(label + " (" + step.tool() + ")"
              + (reason.isBlank() ? "" : " — " + reason) + " — "
              + m.t("step.status." + Labels.statusClass(s)))).append("</title>")
          .append("<rect x=\"").append(Timeline.num(n.x())).append("\" y=\"")
          .append(Timeline.num(n.y())).append("\" width=\"").append(Timeline.num(NODE_W))
          .append("\" height=\"").append(Timeline.num(NODE_H)).append("\" rx=\"6\"/>");
      double tx = rtl ? n.x() + NODE_W - 8 : n.x() + 8;
      String anchor = rtl ? "end" : "start";
      out.append("<text x=\"").append(Timeline.num(tx)).append("\" y=\"")
          .append(Timeline.num(n.y() + 17)).append("\" text-anchor=\"").append(anchor)
          .append("\">").append(Html.escape(Labels.mark(s) + " " + shorten(label, 22)))
          .append("</text>")
          .append("<text class=\"tool\" x=\"").append(Timeline.num(tx)).append("\" y=\"")
          .append(Timeline.num(n.y() + 32)).append("\" text-anchor=\"").append(anchor)
          .append("\">").append(Html.escape(step.tool())).append("</text></g></a>");
    }
    out.append("</svg>");
    return out.toString();
  }

  static String shorten(String text, int max) {
    return text.codePointCount(0, text.length()) <= max ? text
        : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }
}
