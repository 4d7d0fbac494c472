package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.PlanValidator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code baton validate plan.json}: every problem with a plan, without running it. */
@Command(name = "validate", description = "Check a plan against the tool catalogue.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Parameters(paramLabel = "FILE", description = "The plan, as JSON")
  Path file;

  @Override
  public Integer call() {
    Plan plan = PlanCodec.parse(RunCommand.readBytes(file));
    try (BatonApp app = main.open()) {
      new PlanValidator(app.catalog()).check(plan);
      System.out.println("valid: " + plan.steps().size() + " steps");
      return ExitCodes.OK;
    }
  }
}
