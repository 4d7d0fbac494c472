package dev.baton.core.exec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/** The id of one execution, such as {@code ex-9f2c41d07a}. */
public record ExecutionId(@JsonValue String value) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public ExecutionId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank() || value.length() > 64 || !value.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("'" + dev.baton.core.text.Visible.quote(value)
          + "' is not an execution id"
          + " (letters, digits, '_' and '-', at most 64)");
    }
  }

  @JsonCreator
  public static ExecutionId of(String value) {
    return new ExecutionId(value);
  }

  public static ExecutionId random() {
    byte[] bytes = new byte[5];
    RANDOM.nextBytes(bytes);
    return new ExecutionId("ex-" + HexFormat.of().formatHex(bytes));
  }

  @Override
  public String toString() {
    return value;
  }

  // why: ids are map keys on every step; the record's generated methods go through method handles
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof ExecutionId other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
