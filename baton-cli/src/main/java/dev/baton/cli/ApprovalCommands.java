package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ApprovalId;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code baton approve|reject ID}: an approval id, or an execution id with one thing pending. */
final class ApprovalCommands {
  private ApprovalCommands() {}

  @Command(name = "approve", description = "Approve a pending step (optionally with edited"
      + " arguments) or a plan waiting for approval.")
  static final class Approve implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ID", description = "Approval id, or execution id")
    String id;

    @Option(names = "--args", paramLabel = "JSON", description = "Edited arguments")
    String args;

    @Option(names = "--args-file", paramLabel = "FILE", description = "Edited arguments file")
    Path argsFile;

    @Option(names = "--comment", description = "Why")
    String comment;

    @Option(names = "--follow", description = "If no process runs the execution, run it here"
        + " and follow it to the end")
    boolean follow;

    @Override
    public Integer call() throws Exception {
      Remote remote = main.remote();
      if (remote != null) {
        return remote.decide(true, id, edits(), comment);
      }
      try (BatonApp app = follow ? main.openToFollow() : main.open()) {
        ObjectNode edits = edits();
        Target t = Target.resolve(app, id);
        if (t.plan()) {
          app.engine().decidePlan(t.execution(), true, null, Main.who(), comment);
          System.out.println("approved the plan of " + t.execution());
        } else {
          app.engine().approve(t.approval(), edits, Main.who(), comment);
          System.out.println("approved " + t.approval());
        }
        return follow ? FollowHere.ifRunningHere(app, t.execution()) : ExitCodes.OK;
      }
    }

    private ObjectNode edits() {
      String text = args != null ? args : argsFile != null ? RunCommand.read(argsFile) : null;
      if (text == null) {
        return null;
      }
      JsonNode node = Json.parse(text, ErrorCode.APPROVAL_INVALID_EDIT, "The edited arguments");
      if (!(node instanceof ObjectNode o)) {
        throw BatonException.of(ErrorCode.APPROVAL_INVALID_EDIT,
            "the edited arguments must be a JSON object");
      }
      return o;
    }
  }

  @Command(name = "reject", description = "Reject a pending step (it and its dependents are"
      + " skipped) or a plan.")
  static final class Reject implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "ID", description = "Approval id, or execution id")
    String id;

    @Option(names = "--comment", description = "Why")
    String comment;

    @Override
    public Integer call() throws Exception {
      Remote remote = main.remote();
      if (remote != null) {
        return remote.decide(false, id, null, comment);
      }
      try (BatonApp app = main.open()) {
        Target t = Target.resolve(app, id);
        if (t.plan()) {
          app.engine().decidePlan(t.execution(), false, null, Main.who(), comment);
          System.out.println("rejected the plan of " + t.execution());
        } else {
          app.engine().reject(t.approval(), Main.who(), comment);
          System.out.println("rejected " + t.approval());
        }
        return ExitCodes.OK;
      }
    }
  }

  /** What an id names: one step's approval, or a plan waiting for approval. */
  record Target(ExecutionId execution, ApprovalId approval, boolean plan) {
    static Target resolve(BatonApp app, String raw) {
      if (raw.contains(".")) {
        ApprovalId a = Ids.approval(raw);
        return new Target(a.execution(), a, false);
      }
      ExecutionState s = app.engine().state(Ids.execution(raw));
      if (s.planApprovalPending()) {
        return new Target(s.id(), null, true);
      }
      List<Approval> pending = s.pendingApprovals();
      if (pending.size() != 1) {
        throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, "execution " + raw + " has "
            + pending.size()
            + " pending approvals; name one: " + pending.stream().map(a -> a.id().value())
            .toList());
      }
      return new Target(s.id(), pending.getFirst().id(), false);
    }
  }
}
