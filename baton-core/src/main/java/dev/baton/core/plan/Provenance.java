package dev.baton.core.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where each argument of a step comes from, read off the plan alone: a value written in the plan,
 * or a value another step produced through a {@code {"$ref": …}}, with that step's tool and the
 * steps it drew on in turn. An approval uses it to mark text that came from documents, tool outputs
 * or a model, so a person can tell what the plan's author wrote from what a document planted.
 * Pure: the same plan gives the same answers.
 */
public final class Provenance {
  private final List<Origin> origins;

  private Provenance(List<Origin> origins) {
    this.origins = List.copyOf(origins);
  }

  /**
   * Where a referenced value comes from.
   *
   * @param argument JSON pointer into the step's arguments where the value lands
   * @param step the step whose output gives it
   * @param tool that step's tool
   * @param output JSON pointer into that step's output
   * @param upstream the steps (with their tools, as {@code step (tool)}) that step drew on in turn,
   *     nearest first; empty when it used only values written in the plan
   */
  public record Origin(String argument, StepId step, String tool, String output,
      List<String> upstream) {
    public Origin {
      Objects.requireNonNull(argument, "argument");
      Objects.requireNonNull(step, "step");
      upstream = List.copyOf(upstream);
    }

    /** In a person's words, e.g. {@code from step analyze (analysis.summarize), via search (…)}. */
    public String describe() {
      return "from step " + step + " (" + tool + ")"
          + (upstream.isEmpty() ? "" : ", which used " + String.join(", ", upstream));
    }
  }

  /** The provenance of {@code step}'s arguments in {@code plan}; empty if the step is unknown. */
  public static Provenance of(Plan plan, StepId step) {
    Step s = plan.step(step).orElse(null);
    if (s == null) {
      return new Provenance(List.of());
    }
    List<Origin> origins = new ArrayList<>();
    for (References.Found f : References.in(s.args())) {
      StepRef ref;
      try {
        ref = StepRef.parse(f.raw());
      } catch (IllegalArgumentException e) {
        continue;
      }
      String tool = plan.step(ref.step()).map(Step::tool).orElse("?");
      origins.add(new Origin(f.location(), ref.step(), tool, ref.pointer().toString(),
          upstream(plan, ref.step())));
    }
    return new Provenance(origins);
  }

  /** Every referenced argument, in document order. */
  public List<Origin> origins() {
    return origins;
  }

  /** Whether no argument came from another step. */
  public boolean allWritten() {
    return origins.isEmpty();
  }

  /**
   * Where the value at {@code pointer} (into the arguments, e.g. {@code /sections/3/items/0})
   * comes from: the reference that produced it or a value containing it; empty when the plan
   * wrote it.
   */
  public Optional<Origin> originOf(String pointer) {
    for (Origin o : origins) {
      if (pointer.equals(o.argument()) || pointer.startsWith(o.argument() + "/")
          || o.argument().isEmpty()) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  /** Whether anything at or below {@code pointer} came from another step. */
  public boolean touches(String pointer) {
    for (Origin o : origins) {
      if (o.argument().equals(pointer) || o.argument().startsWith(pointer + "/")
          || pointer.startsWith(o.argument() + "/")) {
        return true;
      }
    }
    return false;
  }

  /** The steps {@code step} drew on, transitively, nearest first, as {@code id (tool)}. */
  private static List<String> upstream(Plan plan, StepId step) {
    Set<StepId> seen = new LinkedHashSet<>();
    List<StepId> queue = new ArrayList<>(List.of(step));
    List<String> out = new ArrayList<>();
    while (!queue.isEmpty()) {
      StepId next = queue.removeFirst();
      Step s = plan.step(next).orElse(null);
      if (s == null) {
        continue;
      }
      for (References.Found f : References.in(s.args())) {
        try {
          StepId from = StepRef.parse(f.raw()).step();
          if (!from.equals(step) && seen.add(from)) {
            out.add(from + " (" + plan.step(from).map(Step::tool).orElse("?") + ")");
            queue.add(from);
          }
        } catch (IllegalArgumentException e) {
          // why: an unparsable reference is the validator's to report
        }
      }
    }
    return out;
  }

  /** The pointer to member {@code name} of the value at {@code pointer} (escaped as RFC 6901 says). */
  public static String child(String pointer, String name) {
    return pointer + "/" + References.escape(name);
  }
}
