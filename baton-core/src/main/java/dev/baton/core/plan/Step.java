package dev.baton.core.plan;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One tool call in a plan. {@code args} may hold {@link StepRef} objects in place of values;
 * {@code after} lists extra dependencies that no argument expresses. An {@code optional} step may
 * fail without failing the execution (its dependents are still skipped).
 */
public record Step(StepId id, String tool, ObjectNode args, Title title, List<StepId> after,
    boolean optional) {
  public Step {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tool, "tool");
    args = args == null ? dev.baton.core.json.Json.object() : args.deepCopy();
    title = title == null ? Title.NONE : title;
    after = after == null ? List.of() : List.copyOf(after);
  }

  public static Step of(String id, String tool, ObjectNode args) {
    return new Step(StepId.of(id), tool, args, Title.NONE, List.of(), false);
  }

  /** The arguments, copied: callers may change the copy freely. */
  @Override
  public ObjectNode args() {
    return args.deepCopy();
  }

  /**
   * The arguments themselves, not copied, for readers on hot paths (the engine, the graph); they
   * must not be changed.
   */
  public ObjectNode argsView() {
    return args;
  }

  public Step withArgs(ObjectNode newArgs) {
    return new Step(id, tool, newArgs, title, after, optional);
  }

  public Step withAfter(List<StepId> newAfter) {
    return new Step(id, tool, args, title, newAfter, optional);
  }
}
