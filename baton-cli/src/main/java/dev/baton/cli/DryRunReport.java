package dev.baton.cli;

import dev.baton.core.simulate.Simulation;
import dev.baton.core.simulate.SimulationOptions;
import dev.baton.core.text.Visible;
import dev.baton.model.ModelPrices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A dry run for people: the predicted timeline (a bar per step, so parallel steps show side by
 * side), the makespan and the critical path, who will be asked what and in what order, and the
 * expected model use and cost. Pure.
 */
final class DryRunReport {
  private static final int BAR = 40;

  private DryRunReport() {}

  static List<String> render(Simulation s, SimulationOptions.Mode mode, String model) {
    List<String> out = new ArrayList<>();
    out.add("Dry run: nothing was changed. Side effects were simulated"
        + (mode == SimulationOptions.Mode.READ ? "; read-only tools ran for real."
            : ", and read-only tools too (--dry-run=read runs them for real)."));
    Duration span = s.makespan().isZero() ? Duration.ofMillis(1) : s.makespan();
    int idWidth = s.steps().stream().mapToInt(t -> t.step().value().length()).max().orElse(4);
    int toolWidth = s.steps().stream().mapToInt(t -> t.tool().length()).max().orElse(4);
    for (Simulation.Timed t : s.steps()) {
      StringBuilder line = new StringBuilder("  ")
          .append(pad(t.step().value(), idWidth)).append("  ").append(pad(t.tool(), toolWidth))
          .append("  ");
      if (t.start() == null) {
        line.append(" ".repeat(BAR + 2)).append(t.status().toLowerCase(Locale.ROOT));
      } else {
        Duration end = t.end() == null ? s.makespan() : t.end();
        int from = (int) (t.start().toNanos() * BAR / span.toNanos());
        int to = Math.max(from + 1, (int) (end.toNanos() * BAR / span.toNanos()));
        line.append('|').append(" ".repeat(from)).append("█".repeat(Math.min(BAR, to) - from))
            .append(" ".repeat(Math.max(0, BAR - Math.min(BAR, to)))).append("| ")
            .append(TreeRenderer.seconds(t.start())).append(" → ")
            .append(TreeRenderer.seconds(end));
        if (t.simulated()) {
          line.append("  (simulated)");
        }
        if (!"SUCCEEDED".equals(t.status())) {
          line.append("  ").append(t.status().toLowerCase(Locale.ROOT));
        }
      }
      if (t.note() != null && !"SUCCEEDED".equals(t.status())) {
        line.append(": ").append(Visible.line(TreeRenderer.firstLine(t.note())));
      }
      out.add(line.toString().stripTrailing());
    }
    out.add("Predicted makespan " + TreeRenderer.seconds(s.makespan()) + "; critical path "
        + String.join(" → ", s.criticalPath().stream().map(Object::toString).toList()) + " ("
        + TreeRenderer.seconds(s.criticalPathLength()) + ")");
    if (s.humanSteps().isEmpty()) {
      out.add("Nobody will be asked anything.");
    } else {
      out.add("A person will be asked, in this order:");
      for (Simulation.HumanStep h : s.humanSteps()) {
        List<String> preview = h.preview() == null ? List.of() : h.preview().lines().toList();
        out.add("  " + h.order() + ". " + h.step() + " (" + h.tool() + ")"
            + (h.question() ? " asks a question" : " waits for approval") + " at "
            + TreeRenderer.seconds(h.at())
            + (preview.isEmpty() ? "" : ": " + Visible.line(preview.getFirst())));
        // why: a preview that goes on ("The document:") must show what follows, not end there
        for (String line : preview.subList(Math.min(1, preview.size()), preview.size())) {
          out.add("       " + Visible.line(line));
        }
      }
    }
    out.add(String.format(Locale.ROOT, "Model use (from past runs): %.0f call(s), %.0f tokens%s",
        s.modelCalls(), s.inputTokens() + s.outputTokens(), cost(s, model)));
    out.add("Would end " + s.end().name().toLowerCase(Locale.ROOT) + "; side-effecting calls"
        + " made by the dry run: " + s.sideEffectCalls());
    return out;
  }

  private static String cost(Simulation s, String model) {
    if (model == null || s.modelCalls() == 0) {
      return "";
    }
    return new ModelPrices(System.getenv()).of(model).map(p -> " · ≈ $" + p.cost(
        Math.round(s.inputTokens()), Math.round(s.outputTokens())).stripTrailingZeros()
        .toPlainString()).orElse("");
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
