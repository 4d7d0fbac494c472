package dev.baton.core.exec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.baton.core.plan.StepId;
import java.util.Objects;

/**
 * The id of one approval: execution, step and the how-manieth approval of that step, such as
 * {@code ex-9f2c41d07a.create_event.1}. Deterministic, so a restarted engine finds the same one.
 */
public record ApprovalId(@JsonValue String value) {
  public ApprovalId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank() || value.length() > 160 || !value.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("'" + dev.baton.core.text.Visible.quote(value)
          + "' is not an approval id");
    }
  }

  @JsonCreator
  public static ApprovalId of(String value) {
    return new ApprovalId(value);
  }

  public static ApprovalId of(ExecutionId execution, StepId step, int n) {
    return new ApprovalId(execution.value() + "." + step.value() + "." + n);
  }

  /** The execution this approval belongs to (execution ids contain no '.'). */
  public ExecutionId execution() {
    int dot = value.indexOf('.');
    return ExecutionId.of(dot < 0 ? value : value.substring(0, dot));
  }

  @Override
  public String toString() {
    return value;
  }

  // why: ids are map keys on every step; the record's generated methods go through method handles
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof ApprovalId other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
