package dev.baton.core.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception type Baton throws. It carries a stable {@link ErrorCode}, whether another attempt
 * may succeed, an optional hint of how long to wait first, and details (plain strings, so they
 * survive being stored as JSON).
 */
public final class BatonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final boolean retryable;
  private final transient Duration retryAfter;
  private final Map<String, String> details;
  private final List<Problem> problems;

  private BatonException(Builder b) {
    super(b.message, b.cause);
    this.code = b.code;
    this.retryable = b.retryable;
    this.retryAfter = b.retryAfter;
    this.details = Map.copyOf(b.details);
    this.problems = List.copyOf(b.problems);
  }

  public static BatonException of(ErrorCode code, String message) {
    return builder(code, message).build();
  }

  public static BatonException of(ErrorCode code, String message, Throwable cause) {
    return builder(code, message).cause(cause).build();
  }

  /** An input was invalid in each of the listed ways; the message lists them all. */
  public static BatonException invalid(ErrorCode code, String what, List<Problem> problems) {
    StringBuilder text = new StringBuilder(what);
    for (Problem p : problems) {
      text.append(System.lineSeparator()).append("  - ").append(p);
    }
    return builder(code, text.toString()).problems(problems).build();
  }

  public static Builder builder(ErrorCode code, String message) {
    return new Builder(code, message);
  }

  public ErrorCode code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public Map<String, String> details() {
    return details;
  }

  public List<Problem> problems() {
    return problems;
  }

  /** Builder for the rarer cases that need more than a code and a message. */
  public static final class Builder {
    private final ErrorCode code;
    private final String message;
    private boolean retryable;
    private Duration retryAfter;
    private Throwable cause;
    private Map<String, String> details = Map.of();
    private List<Problem> problems = List.of();

    private Builder(ErrorCode code, String message) {
      this.code = Objects.requireNonNull(code, "code");
      this.message = Objects.requireNonNull(message, "message");
      this.retryable = code.retryableByDefault();
    }

    public Builder retryable(boolean value) {
      this.retryable = value;
      return this;
    }

    public Builder retryAfter(Duration value) {
      this.retryAfter = value;
      this.retryable = true;
      return this;
    }

    public Builder cause(Throwable value) {
      this.cause = value;
      return this;
    }

    public Builder details(Map<String, String> value) {
      this.details = value;
      return this;
    }

    public Builder problems(List<Problem> value) {
      this.problems = value;
      return this;
    }

    public BatonException build() {
      return new BatonException(this);
    }
  }
}
