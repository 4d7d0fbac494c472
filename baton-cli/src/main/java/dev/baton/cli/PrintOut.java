package dev.baton.cli;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.StepState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Step;
import dev.baton.core.text.Visible;
import dev.baton.model.ModelPrices;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Printing results, approvals and listings for people. */
final class PrintOut {
  private static final int LIST_PREVIEW = 60;

  private PrintOut() {}

  static void approval(PrintStream out, Approval a, ExecutionState s) {
    out.println();
    ApprovalView.lines(a, s == null ? null : s.plan(), Wrap.width()).forEach(out::println);
  }

  /** The closing summary: a line that says how it ended, each step's result, totals. */
  static void result(PrintStream out, ExecutionState s) {
    int width = Wrap.width();
    out.println();
    out.println(Visible.line(headline(s)));
    for (String line : stepLines(s, width)) {
      out.println(line);
    }
    out.println(totals(s));
  }

  /** Every step with its status and, for those that succeeded, the result for people. */
  static List<String> stepLines(ExecutionState s, int width) {
    List<String> lines = new ArrayList<>();
    for (Step step : s.plan().steps()) {
      StepState st = s.step(step.id());
      String head = "  " + TreeRenderer.icon(st.status()) + " " + step.id() + " (" + step.tool()
          + ")" + (step.optional() ? " [optional]" : "");
      switch (st.status()) {
        case SUCCEEDED -> {
          lines.add(head);
          for (String r : Results.describe(step.tool(), st.output())) {
            lines.addAll(Wrap.lines(r, width, "      "));
          }
        }
        case FAILED -> lines.addAll(Wrap.hanging(head + ": failed: ", Visible.text(
            st.error() == null ? "" : st.error().message()), width));
        default -> lines.addAll(Wrap.hanging(head + ": ", Visible.text(st.note() == null
            ? st.status().name().toLowerCase().replace('_', ' ') : st.note()), width));
      }
    }
    return lines;
  }

  /**
   * How the execution ended, counted honestly: an execution that succeeded with an optional step
   * failed or a step skipped says so, instead of "all steps succeeded".
   */
  static String headline(ExecutionState s) {
    int total = s.plan().steps().size();
    int ok = 0;
    List<String> optionalFailed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    int skipped = 0;
    int cancelled = 0;
    int open = 0;
    for (Step step : s.plan().steps()) {
      StepState st = s.step(step.id());
      switch (st.status()) {
        case SUCCEEDED -> ok++;
        case FAILED -> (step.optional() ? optionalFailed : failed).add(step.id().value());
        case SKIPPED -> skipped++;
        case CANCELLED -> cancelled++;
        default -> open++;
      }
    }
    String icon = switch (s.status()) {
      case SUCCEEDED -> failed.isEmpty() && optionalFailed.isEmpty() && skipped == 0 ? "✓" : "✓!";
      case FAILED -> "✗";
      case CANCELLED -> "■";
      default -> "⏳";
    };
    StringBuilder sb = new StringBuilder(icon).append(" Execution ").append(s.id()).append(' ')
        .append(s.status().name().toLowerCase().replace('_', ' ')).append(": ");
    if (ok == total) {
      sb.append("all ").append(total).append(" steps succeeded");
    } else {
      sb.append(ok).append(" of ").append(total).append(" steps succeeded");
      if (!failed.isEmpty()) {
        sb.append(", ").append(failed.size()).append(" failed (").append(String.join(", ", failed))
            .append(')');
      }
      if (!optionalFailed.isEmpty()) {
        sb.append(", ").append(optionalFailed.size()).append(" optional step")
            .append(optionalFailed.size() == 1 ? "" : "s").append(" failed (")
            .append(String.join(", ", optionalFailed)).append(')');
      }
      if (skipped > 0) {
        sb.append(", ").append(skipped).append(" skipped");
      }
      if (cancelled > 0) {
        sb.append(", ").append(cancelled).append(" cancelled");
      }
      if (open > 0) {
        sb.append(", ").append(open).append(" not finished");
      }
    }
    if (s.status() == ExecutionStatus.FAILED && s.statusReason() != null) {
      sb.append(" — ").append(s.statusReason());
    }
    return sb.toString();
  }

  static String totals(ExecutionState s) {
    int attempts = 0;
    int retries = 0;
    for (StepState st : s.steps().values()) {
      attempts += st.attempts();
      retries += Math.max(0, st.attempts() - 1);
    }
    Duration wall = Duration.between(s.createdAt(), s.updatedAt());
    return "  Duration: " + TreeRenderer.seconds(wall) + " · steps: " + s.steps().size()
        + " (" + count(s, StepStatus.SUCCEEDED) + " succeeded, " + count(s, StepStatus.FAILED)
        + " failed, " + count(s, StepStatus.SKIPPED) + " skipped) · attempts: " + attempts
        + " · retries: " + retries + " · approvals: " + s.approvals().size() + " · plan version: "
        + s.planVersion() + " · model calls: " + s.usage().calls() + " · tokens: "
        + s.usage().totalTokens() + cost(s);
  }

  /** " · cost: $0.0027" when every model used has a known price; nothing otherwise. */
  static String cost(ExecutionState s) {
    if (s.usageByModel().isEmpty()) {
      return "";
    }
    ModelPrices prices = new ModelPrices(System.getenv());
    java.math.BigDecimal total = java.math.BigDecimal.ZERO;
    for (var e : s.usageByModel().entrySet()) {
      var price = prices.of(e.getKey());
      if (price.isEmpty()) {
        return " · cost: unknown (set " + ModelPrices.PRICE_VARIABLE + ")";
      }
      total = total.add(price.get().cost(e.getValue().inputTokens(),
          e.getValue().outputTokens()));
    }
    return " · cost: $" + total.stripTrailingZeros().toPlainString();
  }

  private static long count(ExecutionState s, StepStatus status) {
    return s.steps().values().stream().filter(x -> x.status() == status).count();
  }

  /** A request or title in a listing: one line, shortened. */
  static String preview(String text) {
    return Visible.shorten(text == null ? "" : text, LIST_PREVIEW);
  }

  static String age(Instant then) {
    return TreeRenderer.seconds(Duration.between(then, Instant.now())) + " ago";
  }
}
