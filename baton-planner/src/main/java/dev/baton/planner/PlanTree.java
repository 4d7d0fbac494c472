package dev.baton.planner;

import dev.baton.core.plan.PlanGraph;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanProposal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a plan as a text tree for a terminal ({@code baton plan "request"}): each step under the
 * last step it depends on, with its tool, its title and the other steps it waits for, and the
 * reason on the line below. Pure.
 */
public final class PlanTree {
  private PlanTree() {}

  /**
   * @param language "he" or "en": which title to show; null uses the proposal's language
   * @return the tree, lines separated by '\n', ending with one
   */
  public static String render(PlanProposal proposal, String language) {
    String lang = language != null ? language : proposal.language();
    List<Step> steps = proposal.plan().steps();
    PlanGraph graph = PlanGraph.of(proposal.plan());
    Map<StepId, Integer> order = new LinkedHashMap<>();
    steps.forEach(s -> order.put(s.id(), order.size()));
    Map<StepId, List<StepId>> parentOf = new LinkedHashMap<>();
    Map<StepId, List<Step>> children = new LinkedHashMap<>();
    List<Step> roots = new ArrayList<>();
    for (Step s : steps) {
      List<StepId> deps = new ArrayList<>(graph.dependencies(s.id()));
      deps.sort((a, b) -> Integer.compare(order.get(a), order.get(b)));
      parentOf.put(s.id(), deps);
      if (deps.isEmpty()) {
        roots.add(s);
      } else {
        children.computeIfAbsent(deps.getLast(), k -> new ArrayList<>()).add(s);
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(Languages.HEBREW.equals(lang) ? "תוכנית" : "Plan").append(" (")
        .append(steps.size()).append(Languages.HEBREW.equals(lang) ? " צעדים" : " steps")
        .append(")\n");
    for (int i = 0; i < roots.size(); i++) {
      draw(roots.get(i), "", i == roots.size() - 1, proposal, lang, parentOf, children, sb);
    }
    return sb.toString();
  }

  private static void draw(Step s, String indent, boolean last, PlanProposal proposal,
      String lang, Map<StepId, List<StepId>> parentOf, Map<StepId, List<Step>> children,
      StringBuilder sb) {
    sb.append(indent).append(last ? "└─ " : "├─ ").append(s.id()).append(" · ")
        .append(s.tool());
    String title = s.title().in(lang);
    if (title != null) {
      sb.append(" — ").append(title);
    }
    List<StepId> deps = parentOf.get(s.id());
    if (deps.size() > 1) {
      sb.append(Languages.HEBREW.equals(lang) ? "  (גם אחרי " : "  (also after ")
          .append(String.join(", ", deps.subList(0, deps.size() - 1).stream()
              .map(StepId::value).toList()))
          .append(')');
    }
    sb.append('\n');
    String inner = indent + (last ? "   " : "│  ");
    String reason = proposal.reasons().get(s.id());
    if (reason != null) {
      sb.append(inner).append(Languages.HEBREW.equals(lang) ? "למה: " : "why: ").append(reason)
          .append('\n');
    }
    List<Step> kids = children.getOrDefault(s.id(), List.of());
    for (int i = 0; i < kids.size(); i++) {
      draw(kids.get(i), inner, i == kids.size() - 1, proposal, lang, parentOf, children, sb);
    }
  }
}
