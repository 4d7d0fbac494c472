package dev.baton.connect;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ErrorInfo;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanValidator;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.planning.PlanCost;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.planning.Planner;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.core.tool.ToolOrigin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A planner for the tools Baton does not know in advance (MCP servers', plugins'), through their
 * descriptions: it looks for the one connected tool whose name and description share the most
 * words with the request (words outside quotes; clearly more than any other tool): with at least
 * {@link #STRONG} shared words before asking the planner it wraps, with {@link #WEAK} when that
 * planner cannot plan the request. It plans a single call of the tool when the request supplies
 * every required argument: a tool with one required text argument takes the request's quoted
 * text ("…" or '…'); a tool with no required arguments takes none. Otherwise the wrapped
 * planner's answer stands. Which tool it picked, and why, is the step's reason.
 *
 * <p>This is the offline planner's reach into foreign tools; a model planner sees their
 * descriptions (fenced as data) and needs none of this.
 */
public final class DescriptionPlanner implements Planner {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");
  private static final Pattern QUOTED = Pattern.compile("[\"“”'‘’]([^\"“”'‘’]+)[\"“”'‘’]");
  private static final Set<String> COMMON = Set.of("the", "and", "for", "with", "from", "that",
      "this", "tool", "tools", "what", "into", "are", "its", "his", "her", "their", "our",
      "your", "please", "can", "you", "all", "one", "any", "של", "את", "עם");
  private final Planner delegate;

  public DescriptionPlanner(Planner delegate) {
    this.delegate = delegate;
  }

  /** Shared words that make a match plain enough to plan before asking the wrapped planner. */
  static final int STRONG = 3;
  /** Shared words enough when the wrapped planner did not understand the request. */
  static final int WEAK = 2;

  @Override
  public PlanProposal plan(String request, ToolCatalog catalog, PlanContext context) {
    // why: the offline planner reads most requests as a file search; a request that plainly names
    // a connected tool's words (and quotes its argument) is for that tool
    Optional<PlanProposal> strong = byDescription(request, catalog, STRONG);
    if (strong.isPresent()) {
      return strong.get();
    }
    try {
      return delegate.plan(request, catalog, context);
    } catch (BatonException e) {
      if (e.code() != ErrorCode.PLAN_NOT_UNDERSTOOD) {
        throw e;
      }
      return byDescription(request, catalog, WEAK).orElseThrow(() -> e);
    }
  }

  @Override
  public Optional<PlanProposal> replan(ExecutionState state, StepId failed, ErrorInfo error,
      ToolCatalog catalog, PlanContext context) {
    return delegate.replan(state, failed, error, catalog, context);
  }

  static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT).replace('_', ' ').replace('.', ' '));
    while (m.find()) {
      String w = m.group();
      if (!COMMON.contains(w)) {
        out.add(w.length() > 4 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
      }
    }
    return out;
  }

  private static Optional<PlanProposal> byDescription(String request, ToolCatalog catalog,
      int least) {
    // why: quoted text is the argument (a name, a path), not words describing the tool
    Set<String> asked = words(QUOTED.matcher(request).replaceAll(" "));
    Tool best = null;
    int bestScore = 0;
    int second = 0;
    for (Tool t : catalog.all()) {
      if (t.origin().kind() == ToolOrigin.Kind.BUILT_IN) {
        continue;
      }
      Set<String> said = words(t.descriptor().name() + " " + t.descriptor().description());
      said.retainAll(asked);
      int score = said.size();
      if (score > bestScore) {
        second = bestScore;
        bestScore = score;
        best = t;
      } else if (score > second) {
        second = score;
      }
    }
    if (best == null || bestScore < least || bestScore == second) {
      return Optional.empty();
    }
    Optional<ObjectNode> args = arguments(best, request);
    if (args.isEmpty()) {
      return Optional.empty();
    }
    Step step = Step.of("call", best.descriptor().name(), args.get());
    Plan plan = new Plan(List.of(step));
    if (!new PlanValidator(catalog).validate(plan).isEmpty()) {
      return Optional.empty();
    }
    String reason = "the request matches the description of " + best.descriptor().name()
        + " (" + best.origin() + ")";
    return Optional.of(new PlanProposal(plan, Map.of(step.id(), reason), PlanCost.NONE,
        request.codePoints().anyMatch(c -> c >= 0x0590 && c <= 0x05FF) ? "he" : "en"));
  }

  /** The arguments the request supplies, if it supplies every required one. */
  private static Optional<ObjectNode> arguments(Tool tool, String request) {
    ObjectNode schema = tool.descriptor().inputSchema();
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asString()));
    ObjectNode args = Json.object();
    if (required.isEmpty()) {
      return Optional.of(args);
    }
    if (required.size() != 1) {
      return Optional.empty();
    }
    JsonNode property = schema.path("properties").path(required.getFirst());
    Matcher quoted = QUOTED.matcher(request);
    if (!"string".equals(property.path("type").asString("")) || !quoted.find()) {
      return Optional.empty();
    }
    args.put(required.getFirst(), quoted.group(1).strip());
    return Optional.of(args);
  }
}
