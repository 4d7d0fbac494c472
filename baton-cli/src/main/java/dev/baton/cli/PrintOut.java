package dev.baton.cli;

import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.StepState;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.json.Json;
import dev.baton.model.ModelPrices;
import dev.baton.core.plan.Step;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** Printing results, approvals and listings for people. */
final class PrintOut {
  private static final int OUTPUT_PREVIEW = 160;

  private PrintOut() {}

  static void approval(PrintStream out, Approval a) {
    out.println();
    out.println("⚠ Approval needed: step " + a.step() + " (" + a.tool() + ")");
    out.println("  id: " + a.id());
    if (a.preview() != null) {
      out.println("  will: " + a.preview());
    }
    out.println("  arguments:");
    // why: one line per argument, shortened, so a person can read what they approve
    a.arguments().properties().forEach(e -> out.println("    " + e.getKey() + ": "
        + preview(e.getValue().isString() ? e.getValue().asString() : Json.write(e.getValue()))));
    if (a.expiresAt() != null) {
      out.println("  expires: " + a.expiresAt() + " (" + a.policy().name().toLowerCase()
          + " on expiry)");
    }
  }

  /** The closing summary: status, each step's result, totals. */
  static void result(PrintStream out, ExecutionState s) {
    out.println();
    out.println((s.status().name().equals("SUCCEEDED") ? "✓ " : "✗ ") + "Execution " + s.id()
        + " " + s.status().name().toLowerCase()
        + (s.statusReason() == null ? "" : " (" + s.statusReason() + ")"));
    int attempts = 0;
    int retries = 0;
    for (Step step : s.plan().steps()) {
      StepState st = s.step(step.id());
      attempts += st.attempts();
      retries += Math.max(0, st.attempts() - 1);
      String detail = switch (st.status()) {
        case SUCCEEDED -> preview(Json.write(st.output()));
        case FAILED -> st.error() == null ? "failed" : TreeRenderer.firstLine(st.error().message());
        default -> st.note() == null ? st.status().name().toLowerCase() : st.note();
      };
      out.println("  " + TreeRenderer.icon(st.status()) + " " + step.id() + ": " + detail);
    }
    Duration wall = Duration.between(s.createdAt(), s.updatedAt());
    long approvals = s.approvals().size();
    out.println("  Duration: " + TreeRenderer.seconds(wall) + " · steps: " + s.steps().size()
        + " (" + count(s, StepStatus.SUCCEEDED) + " succeeded, " + count(s, StepStatus.FAILED)
        + " failed, " + count(s, StepStatus.SKIPPED) + " skipped) · attempts: " + attempts
        + " · retries: " + retries + " · approvals: " + approvals + " · plan version: "
        + s.planVersion() + " · model calls: " + s.usage().calls() + " · tokens: "
        + s.usage().totalTokens() + cost(s));
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

  static String preview(String text) {
    return text.length() <= OUTPUT_PREVIEW ? text : text.substring(0, OUTPUT_PREVIEW) + "…";
  }

  static String age(Instant then) {
    return TreeRenderer.seconds(Duration.between(then, Instant.now())) + " ago";
  }
}
