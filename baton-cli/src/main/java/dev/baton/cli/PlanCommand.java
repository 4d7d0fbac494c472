package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.planning.PlanProposal;
import dev.baton.planner.PlanTree;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code baton plan "request"}: the plan a request would run, with the reason for each step. */
@Command(name = "plan", description = "Plan a request (Hebrew or English) without running it.")
final class PlanCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Parameters(paramLabel = "REQUEST", description = "What to do, in words")
  String request;

  @Option(names = "--json", description = "Print the plan as JSON (what `baton run --plan` takes)")
  boolean json;

  @Override
  public Integer call() {
    try (BatonApp app = main.open()) {
      PlanProposal proposal = app.plan(request);
      app.takeWarnings().forEach(w -> System.err.println("warning: " + w));
      if (json) {
        System.out.println(PlanCodec.write(proposal.plan()));
      } else {
        System.out.println(PlanTree.render(proposal, proposal.language()));
        System.out.println(PlanCost.describe(proposal));
      }
      return ExitCodes.OK;
    }
  }
}
