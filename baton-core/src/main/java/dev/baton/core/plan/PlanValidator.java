package dev.baton.core.plan;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.text.Visible;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a plan against a tool catalogue and reports every problem at once, each located by a JSON
 * pointer into the plan document: duplicate ids, unknown tools, references to unknown steps or to
 * output paths the tool's output schema does not have, unknown {@code after} ids, cycles (named),
 * and arguments that fail the tool's input schema. Pure: no I/O.
 */
public final class PlanValidator {
  /** How many checked (tool, arguments) pairs are remembered. */
  private static final int REMEMBERED = 1024;

  private final ToolCatalog catalog;
  /**
   * Problems found before for a tool and arguments without references: plans made by one planner
   * repeat them (a hundred steps with the same small arguments), and checking a schema costs more
   * than looking one up. Bounded; guarded by its own monitor (one validator serves many threads).
   */
  private final Map<ArgsKey, List<Problem>> checked = new java.util.LinkedHashMap<>(64, 0.75f,
      true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ArgsKey, List<Problem>> eldest) {
      return size() > REMEMBERED;
    }
  };

  private record ArgsKey(String tool, JsonNode args) {}

  public PlanValidator(ToolCatalog catalog) {
    this.catalog = catalog;
  }

  /** @throws BatonException PLAN_INVALID listing every problem, if there is any */
  public void check(Plan plan) {
    List<Problem> problems = validate(plan);
    if (!problems.isEmpty()) {
      throw BatonException.invalid(ErrorCode.PLAN_INVALID,
          "The plan is invalid (" + problems.size() + " problem"
              + (problems.size() == 1 ? "" : "s") + "):", problems);
    }
  }

  /** Every problem with the plan; empty when it can run. */
  public List<Problem> validate(Plan plan) {
    List<Problem> problems = new ArrayList<>();
    Map<StepId, Integer> index = new HashMap<>();
    List<Step> steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      Integer first = index.putIfAbsent(steps.get(i).id(), i);
      if (first != null) {
        problems.add(new Problem(at(i) + "/id", "duplicate step id '" + steps.get(i).id()
            + "' (first used at " + at(first) + ")"));
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      checkStep(steps.get(i), i, index, steps, problems);
    }
    for (List<StepId> cycle : PlanGraph.of(plan).cycles()) {
      String path = cycle.stream().map(StepId::value).collect(Collectors.joining(" → "));
      problems.add(new Problem(at(index.get(cycle.getFirst())),
          "dependency cycle: " + path));
    }
    return problems;
  }

  private void checkStep(Step step, int i, Map<StepId, Integer> index, List<Step> steps,
      List<Problem> problems) {
    Tool tool = catalog.find(step.tool()).orElse(null);
    if (tool == null) {
      problems.add(new Problem(at(i) + "/tool", "unknown tool '" + Visible.quote(step.tool()) + "'"
          + suggestion(step.tool())));
    }
    for (int k = 0; k < step.after().size(); k++) {
      StepId d = step.after().get(k);
      if (!index.containsKey(d)) {
        problems.add(new Problem(at(i) + "/after/" + k, "unknown step '" + d + "'"));
      } else if (d.equals(step.id())) {
        problems.add(new Problem(at(i) + "/after/" + k, "a step cannot wait for itself"));
      }
    }
    List<References.Found> refs = References.in(step.argsView());
    ObjectNode sample = refs.isEmpty() ? step.argsView() : step.args();
    for (References.Found f : refs) {
      String where = at(i) + "/args" + f.location();
      JsonNode expected = tool == null || f.location().isEmpty() ? null
          : SchemaPaths.at(tool.descriptor().inputSchema(), JsonPointer.compile(f.location()));
      String problem = f.location().isEmpty() ? "the arguments as a whole cannot be a reference"
          : checkReference(f, step, index, steps, expected);
      if (problem != null) {
        problems.add(new Problem(where, problem));
      }
      if (expected != null) {
        // why: stand in a valid value so the schema check below reports only other problems
        SchemaPaths.replace(sample, f.location(),
            SchemaPaths.sample(expected, tool.descriptor().inputSchema()));
      }
    }
    if (tool != null) {
      problems.addAll(refs.isEmpty() ? inputProblems(tool, sample, i)
          : tool.descriptor().inputProblems(sample, at(i) + "/args"));
    }
  }

  /** The schema's problems with arguments that hold no reference, checked once per value. */
  private List<Problem> inputProblems(Tool tool, ObjectNode args, int i) {
    ArgsKey key = new ArgsKey(tool.descriptor().name(), args);
    List<Problem> found;
    synchronized (checked) {
      found = checked.get(key);
    }
    if (found == null) {
      found = List.copyOf(tool.descriptor().inputProblems(args, "/args"));
      synchronized (checked) {
        checked.put(new ArgsKey(key.tool(), args.deepCopy()), found);
      }
    }
    if (found.isEmpty()) {
      return found;
    }
    String where = at(i);
    return found.stream().map(p -> new Problem(where + p.location(), p.message())).toList();
  }

  /** What is wrong with one reference, or null when it resolves and its type may fit. */
  private String checkReference(References.Found f, Step step, Map<StepId, Integer> index,
      List<Step> steps, JsonNode expected) {
    StepRef ref;
    try {
      ref = StepRef.parse(f.raw());
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    Integer target = index.get(ref.step());
    if (target == null) {
      return "reference to unknown step '" + ref.step() + "'";
    }
    if (ref.step().equals(step.id())) {
      return "a step cannot use its own output";
    }
    Tool source = catalog.find(steps.get(target).tool()).orElse(null);
    if (source == null) {
      return null;
    }
    JsonNode produced = SchemaPaths.at(source.descriptor().outputSchema(), ref.pointer());
    if (produced == null) {
      return "the output of '" + ref.step() + "' (" + source.descriptor().name()
          + ") has no path '" + ref.pointer() + "'";
    }
    String mismatch = expected == null ? null : SchemaPaths.typeMismatch(produced, expected);
    return mismatch == null ? null : "reference " + f.raw() + " gives " + mismatch;
  }

  private String suggestion(String name) {
    String prefix = name.contains(".") ? name.substring(0, name.indexOf('.') + 1) : name;
    List<String> near = catalog.all().stream().map(t -> t.descriptor().name())
        .filter(n -> n.startsWith(prefix)).sorted().limit(5).toList();
    return near.isEmpty() ? "" : "; did you mean one of " + near + "?";
  }

  private static String at(int i) {
    return "/steps/" + i;
  }
}
