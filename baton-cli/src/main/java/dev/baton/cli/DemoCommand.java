package dev.baton.cli;

import dev.baton.app.BatonConfig;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.tools.workspace.DemoWorkspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code baton demo}: writes the demo workspace (December documents about Tevuot, an address book
 * with Yoav and near-namesakes, a calendar busy next week) and runs the seed plan on it.
 */
@Command(name = "demo", description = "Create the demo workspace and run the seed plan on it.")
final class DemoCommand implements Callable<Integer> {
  static final String SEED_PLAN = "/examples/seed-plan.json";

  @ParentCommand
  Main main;

  @Option(names = "--no-run", description = "Only create the workspace")
  boolean noRun;

  @Option(names = {"-y", "--yes"}, description = "Approve every step without asking")
  boolean yes;

  @Option(names = "--wait", description = "Without a terminal: wait for approvals given in"
      + " another shell instead of leaving the execution waiting (exit 6)")
  boolean waitForApprovals;

  @Override
  public Integer call() throws Exception {
    BatonConfig config = main.config();
    List<Path> created = DemoWorkspace.create(config.workspace(), LocalDate.now(config.zone()));
    System.out.println("Demo workspace: " + config.workspace().toAbsolutePath() + " ("
        + created.size() + " files written, existing files kept)");
    if (noRun) {
      return ExitCodes.OK;
    }
    Path plan = config.home().resolve("seed-plan.json");
    try (InputStream in = DemoCommand.class.getResourceAsStream(SEED_PLAN)) {
      if (in == null) {
        throw BatonException.of(ErrorCode.CONFIG_INVALID, "the seed plan is missing from the jar");
      }
      Files.writeString(plan, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, "cannot write " + plan, e);
    }
    System.out.println("Running the seed plan (" + plan + "): search → analyse → contact →"
        + " meeting → agenda");
    RunCommand run = new RunCommand();
    run.main = main;
    run.planFile = plan;
    run.yes = yes;
    run.waitForApprovals = waitForApprovals;
    run.request = "תקרא מה עשינו בדצמבר בתבואות ותקבע פגישה עם יואב";
    return run.call();
  }
}
