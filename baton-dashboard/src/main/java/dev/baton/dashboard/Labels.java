package dev.baton.dashboard;

import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.plan.Step;

/** Names shown for steps and statuses. */
public final class Labels {
  private Labels() {}

  /** A step's title in {@code lang} (or the other language, or its id). */
  public static String step(Step step, Lang lang) {
    String t = step.title() == null ? null : step.title().in(lang.code());
    return t == null || t.isBlank() ? step.id().value() : t;
  }

  /** The CSS class of a step's status (also its message key's last part). */
  public static String statusClass(StepStatus status) {
    return status == null ? "pending" : status.name().toLowerCase(java.util.Locale.ROOT)
        .replace('_', '-');
  }

  public static String statusClass(ExecutionStatus status) {
    return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** A one-character mark beside a step's status (the words say it too; this is for scanning). */
  public static String mark(StepStatus status) {
    if (status == null) {
      return "○";
    }
    return switch (status) {
      case PENDING -> "○";
      case RUNNING -> "▶";
      case WAITING_FOR_APPROVAL -> "‖";
      case SUCCEEDED -> "✓";
      case FAILED -> "✗";
      case SKIPPED -> "»";
      case CANCELLED -> "■";
    };
  }
}
