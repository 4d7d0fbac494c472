package dev.baton.dashboard;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The timeline (a Gantt chart) of an execution, from the event log's own start and end times,
 * drawn as SVG on the server. Pure: events and "now" in, spans, a layout and SVG text out.
 *
 * <p>Each bar's ends are one monotone function of time, so two bars overlap exactly when their
 * steps' intervals do (half-open: a step that starts the instant another ends does not overlap
 * it). A step still running ends at {@code now}.
 */
public final class Timeline {
  /** Width of the drawing area for bars, in SVG user units. */
  public static final double WIDTH = 1000;
  static final double ROW = 26;
  static final double BAR = 16;
  static final double AXIS = 22;

  private Timeline() {}

  /** A wait inside a step: for a person (approval or question). {@code end} null: still waiting. */
  public record Wait(Instant start, Instant end) {}

  /** One step's interval; {@code end} is null while it runs. */
  public record Span(StepId step, String label, Instant start, Instant end, StepStatus status,
      List<Wait> waits) {
    public Span {
      waits = List.copyOf(waits);
    }

    /** Whether two spans' intervals overlap (half-open), with {@code now} for open ends. */
    public boolean overlaps(Span other, Instant now) {
      Instant e1 = end == null ? now : end;
      Instant e2 = other.end == null ? now : other.end;
      return start.isBefore(e2) && other.start.isBefore(e1);
    }
  }

  /** A bar placed on the chart: its row, left edge and right edge (left ≤ right). */
  public record Bar(Span span, int row, double x, double xEnd) {
    public boolean overlaps(Bar other) {
      return x < other.xEnd && other.x < xEnd;
    }
  }

  /**
   * The spans of the steps that started, in plan order (steps not started yet have none), from
   * {@code events}: a step's first {@code StepStarted} to its ending event (succeeded, failed,
   * skipped, cancelled), and each approval or question from asked to decided.
   */
  public static List<Span> spans(Plan plan, List<Event> events, Lang lang) {
    Map<StepId, Instant> start = new LinkedHashMap<>();
    Map<StepId, Instant> end = new LinkedHashMap<>();
    Map<StepId, StepStatus> status = new LinkedHashMap<>();
    Map<StepId, List<Wait>> waits = new LinkedHashMap<>();
    Map<StepId, Instant> waitingSince = new LinkedHashMap<>();
    for (Event e : events) {
      switch (e) {
        case Event.StepStarted s -> {
          start.putIfAbsent(s.step(), s.at());
          // why: a step started again under a new plan version runs again
          end.remove(s.step());
          status.put(s.step(), StepStatus.RUNNING);
        }
        case Event.StepSucceeded s -> finish(s.step(), s.at(), StepStatus.SUCCEEDED, start, end,
            status);
        case Event.StepFailed s -> finish(s.step(), s.at(), StepStatus.FAILED, start, end, status);
        case Event.StepSkipped s -> finish(s.step(), s.at(), StepStatus.SKIPPED, start, end,
            status);
        case Event.StepCancelled s -> finish(s.step(), s.at(), StepStatus.CANCELLED, start, end,
            status);
        case Event.ApprovalRequested a -> {
          waitingSince.put(a.step(), a.at());
          status.put(a.step(), StepStatus.WAITING_FOR_APPROVAL);
        }
        case Event.QuestionAsked q -> {
          waitingSince.put(q.step(), q.at());
          status.put(q.step(), StepStatus.WAITING_FOR_APPROVAL);
        }
        case Event.ApprovalDecided a -> endWait(a.step(), a.at(), waitingSince, waits, status);
        case Event.QuestionAnswered q -> endWait(q.step(), q.at(), waitingSince, waits, status);
        case Event.QuestionWithdrawn q -> endWait(q.step(), q.at(), waitingSince, waits, status);
        default -> {
        }
      }
    }
    List<Span> out = new ArrayList<>();
    for (Step step : plan.steps()) {
      Instant s = start.get(step.id());
      if (s == null) {
        continue;
      }
      List<Wait> w = new ArrayList<>(waits.getOrDefault(step.id(), List.of()));
      Instant open = waitingSince.get(step.id());
      if (open != null) {
        w.add(new Wait(open, null));
      }
      out.add(new Span(step.id(), Labels.step(step, lang), s, end.get(step.id()),
          status.get(step.id()), w));
    }
    return out;
  }

  private static void finish(StepId step, Instant at, StepStatus s, Map<StepId, Instant> start,
      Map<StepId, Instant> end, Map<StepId, StepStatus> status) {
    // why: a step skipped before it ever started has no bar
    if (start.containsKey(step)) {
      end.put(step, at);
      status.put(step, s);
    }
  }

  private static void endWait(StepId step, Instant at, Map<StepId, Instant> since,
      Map<StepId, List<Wait>> waits, Map<StepId, StepStatus> status) {
    Instant s = since.remove(step);
    if (s != null) {
      waits.computeIfAbsent(step, k -> new ArrayList<>()).add(new Wait(s, at));
      status.put(step, StepStatus.RUNNING);
    }
  }

  /**
   * Places the spans: one row each, in the given order, time scaled so the whole execution fills
   * {@link #WIDTH}; mirrored (time flowing right to left) when {@code rtl}.
   */
  public static List<Bar> layout(List<Span> spans, Instant now, boolean rtl) {
    if (spans.isEmpty()) {
      return List.of();
    }
    Instant t0 = spans.getFirst().start();
    Instant t1 = t0;
    for (Span s : spans) {
      t0 = s.start().isBefore(t0) ? s.start() : t0;
      Instant e = s.end() != null ? s.end() : now.isBefore(s.start()) ? s.start() : now;
      t1 = e.isAfter(t1) ? e : t1;
    }
    Scale scale = new Scale(t0, t1, rtl);
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      Span s = spans.get(i);
      double a = scale.x(s.start());
      Instant end = s.end() == null ? (now.isBefore(s.start()) ? s.start() : now) : s.end();
      double b = scale.x(end);
      bars.add(new Bar(s, i, micro(Math.min(a, b)), micro(Math.max(a, b))));
    }
    return bars;
  }

  /** A position on a grid of millionths of a unit, as drawn (rounding is monotone). */
  static double micro(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  /** The exact difference of two grid positions, as drawn. */
  static String width(double x, double xEnd) {
    return java.math.BigDecimal.valueOf(Math.round(xEnd * 1e6) - Math.round(x * 1e6), 6)
        .stripTrailingZeros().toPlainString();
  }

  /** Time to x: one monotone function for every bar, so overlaps are kept exactly. */
  record Scale(Instant t0, Instant t1, boolean rtl) {
    double x(Instant t) {
      long total = Math.max(1, Duration.between(t0, t1).toNanos());
      double x = (double) Duration.between(t0, t).toNanos() * (WIDTH / total);
      return rtl ? WIDTH - x : x;
    }
  }

  /** The chart as SVG: a row per started step, its waits for a person hatched, and a time axis. */
  public static String svg(List<Span> spans, Instant now, Messages m) {
    boolean rtl = m.lang().rtl();
    List<Bar> bars = layout(spans, now, rtl);
    double height = AXIS + Math.max(1, bars.size()) * ROW;
    StringBuilder out = new StringBuilder();
    out.append("<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 ").append(num(WIDTH))
        .append(' ').append(num(height)).append("\"")
        .append(" aria-label=\"").append(Html.escape(m.t("timeline.label"))).append("\">");
    if (bars.isEmpty()) {
      out.append("<text x=\"").append(num(rtl ? WIDTH - 4 : 4)).append("\" y=\"16\"")
          .append(rtl ? " text-anchor=\"end\"" : "").append(">")
          .append(Html.escape(m.t("timeline.empty"))).append("</text></svg>");
      return out.toString();
    }
    Instant t0 = spans.stream().map(Span::start).min(Instant::compareTo).orElseThrow();
    Instant t1 = spans.stream().map(s -> s.end() == null ? now : s.end())
        .max(Instant::compareTo).orElseThrow();
    Scale scale = new Scale(t0, t1, rtl);
    Duration total = Duration.between(t0, t1);
    for (int i = 0; i <= 4; i++) {
      Instant t = t0.plus(total.multipliedBy(i).dividedBy(4));
      double x = scale.x(t);
      out.append("<line class=\"tick\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
          .append("\" y1=\"").append(num(AXIS - 4)).append("\" y2=\"").append(num(height))
          .append("\"/>");
      String anchor = i == 0 ? (rtl ? "end" : "start") : i == 4 ? (rtl ? "start" : "end")
          : "middle";
      out.append("<text class=\"tick-label\" x=\"").append(num(x)).append("\" y=\"14\"")
          .append(" text-anchor=\"").append(anchor).append("\">")
          .append(Html.escape(Format.duration(Duration.between(t0, t)))).append("</text>");
    }
    for (Bar bar : bars) {
      Span s = bar.span();
      double y = AXIS + bar.row() * ROW + (ROW - BAR) / 2;
      out.append("<g class=\"bar ").append(Labels.statusClass(s.status()))
          .append("\" data-step=\"").append(Html.escape(s.step().value()))
          .append("\" data-start=\"").append(s.start().toEpochMilli())
          .append("\" data-end=\"").append(s.end() == null ? "" : s.end().toEpochMilli())
          .append("\" data-x=\"").append(num(bar.x())).append("\" data-x-end=\"")
          .append(num(bar.xEnd())).append("\">");
      out.append("<title>").append(Html.escape(s.label() + " — "
          + Format.duration(Duration.between(s.start(), s.end() == null ? now : s.end()))))
          .append("</title>");
      out.append("<rect x=\"").append(num(bar.x())).append("\" y=\"").append(num(y))
          .append("\" width=\"").append(width(bar.x(), bar.xEnd())).append("\" height=\"")
          .append(num(BAR)).append("\" rx=\"2\"/>");
      // why: a step that took no measurable time still shows where it happened
      out.append("<line class=\"mark\" x1=\"").append(num(bar.x())).append("\" x2=\"")
          .append(num(bar.x())).append("\" y1=\"").append(num(y)).append("\" y2=\"")
          .append(num(y + BAR)).append("\"/>");
      for (Wait w : s.waits()) {
        double a = scale.x(w.start());
        double b = scale.x(w.end() == null ? now : w.end());
        out.append("<rect class=\"wait\" x=\"").append(num(Math.min(a, b))).append("\" y=\"")
            .append(num(y + 3)).append("\" width=\"").append(num(Math.abs(b - a)))
            .append("\" height=\"").append(num(BAR - 6)).append("\"/>");
      }
      double labelX = rtl ? bar.xEnd() - 4 : bar.x() + 4;
      boolean roomInside = bar.xEnd() - bar.x() > 180;
      String anchor;
      if (roomInside) {
        anchor = rtl ? "end" : "start";
      } else {
        // why: a short bar's label goes beside it, on the side with room
        boolean nearEnd = rtl ? bar.x() < 200 : bar.xEnd() > WIDTH - 200;
        labelX = nearEnd ? (rtl ? bar.xEnd() + 4 : bar.x() - 4) : (rtl ? bar.x() - 4
            : bar.xEnd() + 4);
        anchor = rtl ? (nearEnd ? "start" : "end") : (nearEnd ? "end" : "start");
      }
      out.append("<text x=\"").append(num(labelX)).append("\" y=\"").append(num(y + BAR - 4))
          .append("\" text-anchor=\"").append(anchor).append("\">")
          .append(Html.escape(s.label())).append("</text></g>");
    }
    out.append("</svg>");
    return out.toString();
  }

  static String num(double v) {
    return java.math.BigDecimal.valueOf(Math.round(v * 1e6), 6).stripTrailingZeros()
        .toPlainString();
  }
}
