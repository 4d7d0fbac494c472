package dev.baton.cli;

import dev.baton.core.planning.PlanProposal;

/** One line on what planning cost. */
final class PlanCost {
  private PlanCost() {}

  static String describe(PlanProposal p) {
    var c = p.cost();
    return "planned in " + c.took().toMillis() + " ms · model calls: " + c.modelCalls()
        + " · tokens: " + (c.inputTokens() + c.outputTokens());
  }
}
