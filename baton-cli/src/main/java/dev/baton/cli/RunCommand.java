package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.app.ConfigLoader;
import dev.baton.core.engine.Submission;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.plan.Plan;
import dev.baton.core.simulate.Simulation;
import dev.baton.core.simulate.SimulationOptions;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.planning.PlanProposal;
import dev.baton.planner.PlanTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code baton run --plan plan.json}: runs a plan with a live view and approval prompts. */
@Command(name = "run", description = "Run a plan and follow it live until it ends.")
final class RunCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Parameters(arity = "0..1", paramLabel = "REQUEST",
      description = "What to do, in words (Hebrew or English); planned, then run")
  String request;

  @Option(names = "--plan", paramLabel = "FILE", description = "The plan to run, as JSON")
  Path planFile;

  @Option(names = {"-y", "--yes"}, description = "Approve every step without asking")
  boolean yes;

  @Option(names = "--json", description = "Print every event as a JSON line")
  boolean json;

  @Option(names = "--max-parallel", paramLabel = "N", description = "Steps in flight at once")
  Integer maxParallel;

  @Option(names = "--approve-plan", description = "Hold the whole plan for approval first")
  boolean approvePlan;

  @Option(names = "--approval-timeout", paramLabel = "DURATION",
      description = "Expire approvals after this long (e.g. 10m)")
  String approvalTimeout;

  @Option(names = "--on-expiry", paramLabel = "reject|escalate", defaultValue = "reject",
      description = "What an expired approval does: ${COMPLETION-CANDIDATES}")
  ExpiryPolicy onExpiry;

  @Option(names = "--detach", description = "Submit, print the execution id and return")
  boolean detach;

  @Option(names = "--dry-run", arity = "0..1", fallbackValue = "all",
      paramLabel = "all|read", description = "Predict the run on virtual time and change nothing:"
          + " the timeline, who is asked what and when, model use. 'read' runs read-only tools"
          + " for real")
  String dryRun;

  @Option(names = "--wait", description = "Without a terminal: wait for approvals given in"
      + " another shell (baton approve ID) instead of leaving the execution waiting (exit 6)")
  boolean waitForApprovals;

  @Override
  public Integer call() throws Exception {
    if (planFile == null && request == null) {
      throw BatonException.of(ErrorCode.PLAN_MALFORMED,
          "say what to do (baton run \"request\") or give a plan with --plan FILE");
    }
    Plan filePlan = planFile == null ? null : PlanCodec.parse(readBytes(planFile));
    Remote remote = main.remote();
    if (remote != null && dryRun == null) {
      ExecutionOptions remoteOptions = ExecutionOptions.DEFAULTS.withPlanApproval(approvePlan);
      if (maxParallel != null) {
        remoteOptions = remoteOptions.withMaxParallel(maxParallel);
      }
      return remote.run(filePlan, request, planFile == null ? null
          : planFile.getFileName().toString(), json, yes, detach, remoteOptions);
    }
    try (BatonApp app = main.open()) {
      Submission.PlannedBy plannedBy = null;
      Plan plan = filePlan;
      if (plan == null) {
        PlanProposal proposal = app.plan(request);
        plan = proposal.plan();
        List<String> warnings = app.takeWarnings();
        warnings.forEach(w -> System.err.println("warning: " + w));
        plannedBy = new Submission.PlannedBy(warnings.isEmpty() ? app.plannerName()
            : "offline (" + app.plannerName() + " unreachable)", proposal.cost());
        if (!json) {
          System.out.println(PlanTree.render(proposal, proposal.language()));
          System.out.println(PlanCost.describe(proposal));
        }
      }
      ExecutionOptions options = ExecutionOptions.DEFAULTS
          .withMaxParallel(maxParallel != null ? maxParallel
              : app.config().engine().maxParallel())
          .withPlanApproval(approvePlan);
      if (approvalTimeout != null) {
        options = options.withApprovalTimeout(ConfigLoader.parseDuration(approvalTimeout),
            onExpiry);
      }
      if (dryRun != null) {
        return dryRun(app, plan, options);
      }
      Terminal terminal = new Terminal(System.out, Terminal.detect());
      Watcher.Mode mode = json ? Watcher.Mode.JSON
          : terminal.interactive() ? Watcher.Mode.LIVE : Watcher.Mode.LINES;
      // why: with nobody at a terminal to answer, waiting would hang a script forever
      boolean leave = !yes && !waitForApprovals && !terminal.interactive();
      try (Watcher watcher = new Watcher(app.engine(), terminal, mode, yes, leave,
          Main.who()).onAnswer(Remember.in(app))) {
        ExecutionId id = app.engine().submit(new Submission(null, plan,
            request == null ? planFile.getFileName().toString() : request,
            app.config().tenant(), options, plannedBy)).id();
        if (detach) {
          System.out.println(id);
          return ExitCodes.OK;
        }
        if (approvePlan) {
          PlanApproval.ask(app, terminal, id, yes);
        }
        ExecutionState end = watcher.follow(id);
        if (!end.status().terminal()) {
          return leftWaiting(end);
        }
        if (!json) {
          PrintOut.result(System.out, end);
        }
        return ExitCodes.of(end.status());
      }
    }
  }

  private int dryRun(BatonApp app, Plan plan, ExecutionOptions options) {
    SimulationOptions.Mode mode = switch (dryRun.toLowerCase(java.util.Locale.ROOT)) {
      case "all" -> SimulationOptions.Mode.ALL;
      case "read" -> SimulationOptions.Mode.READ;
      default -> throw BatonException.of(ErrorCode.CONFIG_INVALID, "--dry-run takes 'all' or"
          + " 'read', not '" + dev.baton.core.text.Visible.quote(dryRun) + "'");
    };
    Simulation s = app.simulate(plan, mode, options);
    if (json) {
      System.out.println(dev.baton.core.json.Json.write(s));
    } else {
      DryRunReport.render(s, mode, app.config().model() == null ? null
          : app.config().model().name()).forEach(System.out::println);
    }
    return ExitCodes.OK;
  }

  /** Says how to answer what the execution waits for, and returns {@link ExitCodes#WAITING}. */
  static int leftWaiting(ExecutionState s) {
    PrintStream out = System.out;
    out.println();
    out.println("⏳ Execution " + s.id() + " waits for a person; nobody is at a terminal here,"
        + " so it is left waiting (exit code " + ExitCodes.WAITING + ").");
    if (s.planApprovalPending()) {
      out.println("  the plan: baton status " + s.id() + " shows it; baton approve " + s.id()
          + " --follow runs it, baton reject " + s.id() + " drops it");
    }
    for (var a : s.pendingApprovals()) {
      out.println("  " + a.step() + " (" + a.tool() + "): baton status " + s.id()
          + " shows it in full;");
      out.println("    answer in another shell: baton approve " + a.id() + " --follow   or   baton"
          + " reject " + a.id());
    }
    out.println("  (run with --wait to wait here instead, or --yes to approve everything)");
    return ExitCodes.WAITING;
  }

  /** A plan file's bytes (decoded strictly, with the place of a bad byte, by the codec). */
  static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw BatonException.of(ErrorCode.PLAN_MALFORMED, "cannot read the plan file " + file + ": "
          + e.getMessage(), e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw BatonException.of(ErrorCode.PLAN_MALFORMED, "cannot read the plan file " + file + ": "
          + e.getMessage(), e);
    }
  }
}
