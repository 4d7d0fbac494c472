package dev.baton.core.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/** The id of a step, unique within a plan: a letter, then letters, digits, '_' or '-'. */
public record StepId(@JsonValue String value) implements Comparable<StepId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  public StepId {
    Objects.requireNonNull(value, "value");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "step id '" + dev.baton.core.text.Visible.quote(value) + "' must be a letter followed"
              + " by up to 63 letters, digits, '_' or '-'");
    }
  }

  public static boolean isValid(String value) {
    return value != null && SHAPE.matcher(value).matches();
  }

  @JsonCreator
  public static StepId of(String value) {
    return new StepId(value);
  }

  @Override
  public int compareTo(StepId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  // why: ids are map keys on every step; the record's generated methods go through method handles
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof StepId other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
