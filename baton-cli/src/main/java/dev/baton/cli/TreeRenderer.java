package dev.baton.cli;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.StepState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws an execution as lines of text: a header with status, a progress bar and elapsed time, then
 * one line per step with its status, tool, duration, attempts and note. Pure: same state and time,
 * same lines.
 */
final class TreeRenderer {
  private static final int BAR = 20;

  private TreeRenderer() {}

  static List<String> render(ExecutionState s, Instant now, boolean color) {
    return render(s, now, color, Wrap.width());
  }

  /** As {@link #render(ExecutionState, Instant, boolean)}, wrapping lines at {@code width}. */
  static List<String> render(ExecutionState s, Instant now, boolean color, int width) {
    List<String> lines = new ArrayList<>();
    int total = s.steps().size();
    // why: a cancelled step did not get done; counting it would show a cancelled execution at 100%
    int done = (int) s.steps().values().stream().filter(x -> x.status() == StepStatus.SUCCEEDED
        || x.status() == StepStatus.FAILED || x.status() == StepStatus.SKIPPED).count();
    int percent = total == 0 ? 100 : done * 100 / total;
    int filled = total == 0 ? BAR : done * BAR / total;
    Instant end = s.status().terminal() ? s.updatedAt() : now;
    lines.add("Execution " + s.id() + "  " + paint(s.status().name(), statusColor(s), color)
        + "  " + "▓".repeat(filled) + "░".repeat(BAR - filled) + " " + percent + "% (" + done
        + "/" + total + ")  " + seconds(Duration.between(s.createdAt(), end)));
    int idWidth = s.steps().keySet().stream().mapToInt(k -> k.value().length()).max().orElse(4);
    if (s.plan() == null) {
      return lines;
    }
    int toolWidth = s.plan().steps().stream().mapToInt(x -> x.tool().length()).max().orElse(4);
    for (Step step : s.plan().steps()) {
      StepState st = s.step(step.id());
      StringBuilder line = new StringBuilder("  ")
          .append(paint(icon(st.status()), iconColor(st.status()), color)).append(' ')
          .append(pad(step.id().value(), idWidth)).append("  ")
          .append(pad(step.tool(), toolWidth)).append("  ");
      if (st.startedAt() != null) {
        Instant stepEnd = st.finishedAt() != null ? st.finishedAt() : end;
        line.append(seconds(Duration.between(st.startedAt(), stepEnd)));
      }
      if (st.attempts() > 1) {
        line.append("  attempt ").append(st.attempts());
      }
      if (st.cached()) {
        line.append("  (cached)");
      }
      String note = note(s, st);
      if (note != null) {
        line.append("  ").append(note);
      }
      lines.addAll(Wrap.lines(line.toString().stripTrailing(), width, "").stream()
          .map(l -> l.startsWith("  ") ? l : "      " + l).toList());
    }
    return lines;
  }

  private static String note(ExecutionState s, StepState st) {
    if (st.status() == StepStatus.WAITING_FOR_APPROVAL && s.status().terminal()) {
      return "was waiting for approval when the execution ended";
    }
    if (st.status() == StepStatus.WAITING_FOR_APPROVAL) {
      var q = s.latestQuestion(st.id()).filter(x -> x.pending()).orElse(null);
      if (q != null) {
        return "waiting for an answer: baton answer " + q.id() + " VALUE"
            + (q.escalated() ? " (escalated)" : "");
      }
      Approval a = s.latestApproval(st.id()).orElse(null);
      return a == null ? "waiting for approval"
          : "waiting for approval: baton approve " + a.id() + (a.escalated() ? " (escalated)" : "");
    }
    if (st.status() == StepStatus.FAILED && st.error() != null) {
      return st.error().code() + ": " + dev.baton.core.text.Visible.line(firstLine(
          st.error().message()));
    }
    if (st.status() == StepStatus.RUNNING && st.error() != null) {
      return "retrying after " + st.error().code();
    }
    return st.note() == null ? null : dev.baton.core.text.Visible.line(st.note());
  }

  static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  static String icon(StepStatus status) {
    return switch (status) {
      case PENDING -> "·";
      case RUNNING -> "▶";
      case WAITING_FOR_APPROVAL -> "⏳";
      case SUCCEEDED -> "✓";
      case FAILED -> "✗";
      case SKIPPED -> "↷";
      case CANCELLED -> "■";
    };
  }

  private static String iconColor(StepStatus status) {
    return switch (status) {
      case SUCCEEDED -> "32";
      case FAILED, CANCELLED -> "31";
      case WAITING_FOR_APPROVAL -> "33";
      case RUNNING -> "36";
      case PENDING, SKIPPED -> "90";
    };
  }

  private static String statusColor(ExecutionState s) {
    return switch (s.status()) {
      case SUCCEEDED -> "32";
      case FAILED, CANCELLED -> "31";
      case WAITING_FOR_APPROVAL, AWAITING_PLAN_APPROVAL, PAUSED -> "33";
      case QUEUED, PLANNING, RUNNING -> "36";
    };
  }

  static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String paint(String text, String code, boolean color) {
    return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
