package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.exec.Approval;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.json.Json;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.core.port.ExecutionQuery;
import dev.baton.core.port.Page;
import dev.baton.core.exec.Question;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.util.Set;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.Step;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code baton status [ID]}: recent executions and pending approvals, or one execution: its steps,
 * each result for people, and every pending approval in full (what it will do, every argument
 * unshortened, where each value came from). {@code --json} gives programs all of it.
 */
@Command(name = "status", description = "List executions, or show one execution in full.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Parameters(arity = "0..1", paramLabel = "ID", description = "An execution id")
  String id;

  // why: defaults as initial values, which picocli keeps when the option is not given, so a
  // command made without picocli (Main.direct) has them too
  @Option(names = "--limit", description = "How many executions per page")
  int limit = 20;

  @Option(names = "--page", description = "Which page of executions and of"
      + " pending approvals and questions")
  int page = 1;

  @Option(names = "--status", paramLabel = "STATUS", split = ",",
      description = "Only executions in these statuses (e.g. running,waiting_for_approval)")
  List<ExecutionStatus> statuses;

  @Option(names = "--search", paramLabel = "TEXT", description = "Only executions whose request"
      + " contains TEXT")
  String search;

  @Option(names = "--json", description = "Print JSON")
  boolean json;

  @Override
  public Integer call() {
    Remote remote = main.remote();
    if (remote != null && !json) {
      return remote.status(id, limit);
    }
    try (BatonApp app = main.open()) {
      if (id != null) {
        // why: the store alone, not the engine: reading what is recorded needs no runner
        ExecutionState s = app.store().load(Ids.execution(id));
        if (json) {
          System.out.println(Json.write(asJson(app, s)));
        } else {
          int width = Wrap.width();
          TreeRenderer.render(s, Instant.now(), false, width).forEach(System.out::println);
          System.out.println();
          System.out.println(dev.baton.core.text.Visible.line(PrintOut.headline(s)));
          var holder = app.store().holder(s.id(), Instant.now());
          if (!s.status().terminal() && (holder.isEmpty()
              || dev.baton.adapters.LocalProcessProbe.INSTANCE.provablyDead(holder.get()))) {
            System.out.println("orphaned: no live process holds it; baton resume " + s.id()
                + " (or baton recover) takes it over here");
          }
          PrintOut.stepLines(s, width).forEach(System.out::println);
          for (Approval a : pending(s)) {
            System.out.println();
            ApprovalView.lines(a, s.plan(), width).forEach(System.out::println);
            System.out.println("  answer: baton approve " + a.id() + "   or   baton reject "
                + a.id());
          }
        }
        return ExitCodes.OK;
      }
      if (limit < 1 || page < 1) {
        throw BatonException.of(ErrorCode.CONFIG_INVALID, "--limit and --page must be at least 1");
      }
      String tenant = app.config().tenant();
      ExecutionQuery query = ExecutionQuery.all(tenant).limit(limit)
          .statuses(statuses == null ? Set.of() : Set.copyOf(statuses)).text(search);
      Page<ExecutionSummary> list = app.store().list(query);
      for (int p = 1; p < page && list.more(); p++) {
        list = app.store().list(query.after(list.items().getLast()));
      }
      int waiting = app.store().countPendingHumanSteps(tenant);
      List<Approval> approvals = app.store().pendingApprovals(tenant, (page - 1) * limit, limit);
      List<Question> questions = app.store().pendingQuestions(tenant, (page - 1) * limit, limit);
      if (json) {
        System.out.println(Json.write(Map.of("executions", list.items(), "more", list.more(),
            "pendingApprovals", approvals.stream().map(a -> a.id().value()).toList(),
            "pendingQuestions", questions.stream().map(q -> q.id().value()).toList(),
            "waitingForPeople", waiting)));
        return ExitCodes.OK;
      }
      if (list.items().isEmpty() && page == 1) {
        System.out.println("No executions yet. Try: baton run --plan examples/demo-plan.json");
      }
      for (ExecutionSummary x : list.items()) {
        System.out.printf("%-14s %-22s %3d/%-3d %10s  %s%n", x.id(), x.status(),
            x.stepsFinished(), x.stepsTotal(), PrintOut.age(x.createdAt()),
            PrintOut.preview(x.request()));
      }
      if (list.more()) {
        System.out.println("… more executions: baton status --page " + (page + 1));
      }
      for (Approval a : approvals) {
        System.out.println("pending approval " + a.id() + " (" + a.tool() + "): baton status "
            + a.execution() + " shows it in full");
      }
      for (Question q : questions) {
        System.out.println("pending question " + q.id() + " (" + q.tool() + "): baton answer "
            + q.id() + " VALUE");
      }
      int shown = (page - 1) * limit + Math.max(approvals.size(), questions.size());
      if (waiting > shown) {
        System.out.println("… " + waiting + " approvals and questions wait for a person in all;"
            + " more: baton status --page " + (page + 1));
      }
      return ExitCodes.OK;
    }
  }

  /** An ended execution has nothing pending, whatever its approvals still say. */
  static List<Approval> pending(ExecutionState s) {
    return s.status().terminal() ? List.of() : s.pendingApprovals();
  }

  /** Everything a program may want: the summary, the plan, each step, every approval. */
  private static ObjectNode asJson(BatonApp app, ExecutionState s) {
    ObjectNode root = Json.object();
    app.store().summary(s.id()).ifPresent(sum -> root.set("summary", Json.tree(sum)));
    root.put("status", s.status().name());
    root.put("statusReason", s.statusReason());
    root.put("headline", PrintOut.headline(s));
    root.set("plan", PlanCodec.toJson(s.plan()));
    ArrayNode steps = root.putArray("steps");
    for (Step step : s.plan().steps()) {
      var st = s.step(step.id());
      ObjectNode n = steps.addObject();
      n.put("id", step.id().value());
      n.put("tool", step.tool());
      n.put("status", st.status().name());
      n.put("attempts", st.attempts());
      n.set("output", st.output());
      n.set("error", st.error() == null ? null : Json.tree(st.error()));
      n.put("note", st.note());
    }
    ArrayNode approvals = root.putArray("approvals");
    List<Approval> open = pending(s);
    for (Approval a : s.approvals().values()) {
      ObjectNode n = (ObjectNode) Json.tree(a);
      n.put("pending", open.contains(a));
      approvals.add(n);
    }
    return root;
  }
}
