package dev.baton.cli;

import dev.baton.core.exec.Event;
import dev.baton.core.json.Json;
import dev.baton.core.text.Redactor;
import dev.baton.core.text.Visible;

/** One readable line per event, for logs and terminals that cannot redraw. */
final class EventLines {
  private EventLines() {}

  static String describe(Event event) {
    String line = line(event);
    return line == null ? null : Redactor.clean(Visible.line(line));
  }

  private static String firstLineOf(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl) + " …";
  }

  private static String line(Event event) {
    String prefix = "[" + event.seq() + "] ";
    return switch (event) {
      case Event.ExecutionCreated e -> prefix + "created " + e.execution() + (e.plan() == null
          ? ", planning the request" : " with " + e.plan().steps().size() + " steps");
      case Event.PlanVersionCreated e -> prefix + "plan version " + e.version() + ": " + e.reason();
      case Event.PlanApprovalRequested e -> prefix + "the plan waits for approval: baton approve "
          + e.execution();
      case Event.PlanApprovalDecided e -> prefix + "plan " + (e.approved() ? "approved" : "rejected")
          + " by " + e.by();
      case Event.StatusChanged e -> prefix + "execution " + e.to().name().toLowerCase()
          + (e.reason() == null ? "" : " (" + e.reason() + ")");
      case Event.StepStarted e -> prefix + "▶ " + e.step() + " started";
      case Event.StepStage e -> prefix + "  " + e.step() + " " + e.stage().name().toLowerCase()
          .replace('_', ' ') + (e.detail() == null ? "" : ": " + e.detail());
      case Event.AttemptStarted e -> e.attempt() == 1 ? null
          : prefix + "  " + e.step() + " attempt " + e.attempt();
      case Event.AttemptFailed e -> prefix + "  " + e.step() + " attempt " + e.attempt()
          + " failed: " + TreeRenderer.firstLine(e.error().message())
          + (e.retryIn() == null ? "" : " (retry in " + e.retryIn().toMillis() + " ms)");
      case Event.StepSucceeded e -> prefix + "✓ " + e.step() + " succeeded in "
          + TreeRenderer.seconds(e.took()) + (e.cached() ? " (cached)" : "");
      case Event.StepFailed e -> prefix + "✗ " + e.step() + " failed: "
          + TreeRenderer.firstLine(e.error().message());
      case Event.StepSkipped e -> prefix + "↷ " + e.step() + " skipped: " + e.reason();
      case Event.StepCancelled e -> prefix + "■ " + e.step() + " cancelled";
      case Event.StepLogged e -> prefix + "  " + e.step() + " " + e.level().toLowerCase() + ": "
          + e.message();
      case Event.ApprovalRequested e -> prefix + "⏳ " + e.step() + " (" + e.tool()
          + ") waits for approval " + e.approval() + ": " + (e.preview() != null
              ? firstLineOf(e.preview()) : e.arguments().size() + " argument(s)")
          + " (in full: baton status " + e.execution() + ")";
      case Event.ApprovalDecided e -> prefix + "  " + e.step() + " "
          + (e.approved() ? "approved" : "rejected") + " by " + e.by()
          + (e.editedArguments() == null ? "" : " with edited arguments");
      case Event.ModelUsed e -> prefix + "model " + e.model() + " for " + e.purpose() + ": "
          + e.calls() + " call(s), " + (e.inputTokens() + e.outputTokens()) + " tokens";
      case Event.ApprovalExpired e -> prefix + "  " + e.step() + " approval expired ("
          + e.policy().name().toLowerCase() + ")";
      case Event.QuestionAsked e -> prefix + "? " + e.step() + " (" + e.tool() + ") asks "
          + e.question() + ": " + Json.write(e.input());
      case Event.QuestionAnswered e -> prefix + "  " + e.step() + " answered by " + e.by() + ": "
          + Json.write(e.answer());
      case Event.QuestionExpired e -> prefix + "  " + e.step() + " question expired ("
          + e.policy().name().toLowerCase() + ")";
      case Event.QuestionWithdrawn e -> prefix + "  " + e.step() + " question " + e.question()
          + " withdrawn: " + e.reason();
      case Event.PlanningFailed e -> prefix + "planning failed: " + e.error().message();
    };
  }
}
