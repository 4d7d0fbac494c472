package dev.baton.cli;

import dev.baton.core.exec.Approval;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Provenance;
import dev.baton.core.text.Visible;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a person sees before approving a step: the tool's own account of what will happen (for a
 * document, the whole document or a diff), then every argument in full, with invisible and
 * bidirectional-control characters made visible and every value that came from an earlier step's
 * output (a document, a tool, a model) marked with the step and tool it came from. Pure: the same
 * approval and plan give the same lines.
 */
final class ApprovalView {
  static final String FROM = "⟵ from ";

  private ApprovalView() {}

  static List<String> lines(Approval a, Plan plan, int width) {
    List<String> out = new ArrayList<>();
    Provenance provenance = plan == null ? Provenance.of(new Plan(List.of()), a.step())
        : Provenance.of(plan, a.step());
    out.add("⚠ Approval needed: step " + a.step() + " (" + a.tool() + ")");
    out.add("  id: " + a.id());
    if (a.preview() != null) {
      out.add("  what it will do:");
      out.addAll(Wrap.lines(Visible.text(a.preview()), width, "    "));
    }
    out.add("  arguments, every value in full:");
    if (!provenance.allWritten()) {
      out.addAll(Wrap.lines("(values marked \"" + FROM + "step\" came from that step's output: text"
          + " from documents, tools or a model, not written by the plan's author)", width,
          "    "));
    }
    JsonNode args = a.arguments();
    if (args.isEmpty()) {
      out.add("    (none)");
    }
    for (var e : args.properties()) {
      argument(out, Provenance.child("", e.getKey()), e.getKey(), e.getValue(), provenance, width,
          "    ");
    }
    if (a.editedArguments() != null) {
      out.add("  edited arguments:");
      out.addAll(Wrap.lines(Visible.text(Json.write(a.editedArguments())), width, "    "));
    }
    if (Visible.hasHidden(Json.write(args)) || Visible.hasHidden(a.preview())) {
      out.addAll(Wrap.hanging("  ! ", "hidden characters: some text holds characters that do not"
          + " show on screen; they are marked ⟦U+…⟧ above", width));
    }
    if (a.expiresAt() != null) {
      out.add("  expires: " + a.expiresAt() + " (" + a.policy().name().toLowerCase()
          + " on expiry)");
    }
    return out;
  }

  private static void argument(List<String> out, String pointer, String label, JsonNode value,
      Provenance provenance, int width, String indent) {
    provenance.originOf(pointer).filter(o -> o.argument().equals(pointer))
        .ifPresent(o -> out.addAll(Wrap.lines(FROM + o.describe().substring("from ".length()),
            width, indent)));
    String name = Visible.line(label);
    if (value.isObject()) {
      out.add(indent + name + ":");
      for (var e : value.properties()) {
        argument(out, Provenance.child(pointer, e.getKey()), e.getKey(), e.getValue(),
            provenance, width, indent + "  ");
      }
    } else if (value.isArray()) {
      out.add(indent + name + ":" + (value.isEmpty() ? " (empty)" : ""));
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        String at = pointer + "/" + i;
        if (item.isObject() || item.isArray()) {
          argument(out, at, "[" + i + "]", item, provenance, width, indent + "  ");
        } else {
          provenance.originOf(at).filter(o -> o.argument().equals(at))
              .ifPresent(o -> out.addAll(Wrap.lines(FROM + o.describe().substring(5), width,
                  indent + "  ")));
          out.addAll(Wrap.hanging(indent + "  - ", scalar(item), width));
        }
      }
    } else {
      out.addAll(Wrap.hanging(indent + name + ": ", scalar(value), width));
    }
  }

  private static String scalar(JsonNode v) {
    return v.isString() ? Visible.text(v.asString()) : Visible.line(Json.write(v));
  }
}
