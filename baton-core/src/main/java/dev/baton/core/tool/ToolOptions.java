package dev.baton.core.tool;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine treats a tool's calls. A tool with {@code sideEffect} changes the world: it passes
 * the approval gate and is never cached. {@code cacheTtl} (read-only tools only) keeps results for
 * identical arguments; {@code maxConcurrency} 0 means no per-tool bound; {@code rateLimit} may be
 * null; {@code expectedDuration} weighs the step when ordering ready steps by remaining path.
 * A {@code question} tool is answered by a person, not called: its input is what to ask (a choice
 * among candidates, a value to fill), its output is the answer, checked against its output schema.
 */
public record ToolOptions(boolean sideEffect, Duration timeout, RetryPolicy retry, Duration cacheTtl,
    int maxConcurrency, RateLimit rateLimit, Duration expectedDuration, boolean question) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public ToolOptions {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(expectedDuration, "expectedDuration");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (cacheTtl != null && sideEffect) {
      throw new IllegalArgumentException("a tool with side effects cannot be cached");
    }
    if (cacheTtl != null && (cacheTtl.isNegative() || cacheTtl.isZero())) {
      throw new IllegalArgumentException("cacheTtl must be positive, was " + cacheTtl);
    }
    if (question && (sideEffect || cacheTtl != null)) {
      throw new IllegalArgumentException("a question is answered by a person: no side effect,"
          + " no cache");
    }
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException("maxConcurrency must not be negative");
    }
  }

  public static Builder readOnly() {
    return new Builder(false);
  }

  public static Builder sideEffecting() {
    return new Builder(true);
  }

  /** A tool a person answers (see {@link ToolOptions}); the timeout is how long to wait. */
  public static Builder answeredByPerson() {
    return new Builder(false).asking();
  }

  /** Fluent construction with sensible defaults. */
  public static final class Builder {
    private final boolean sideEffect;
    private Duration timeout = DEFAULT_TIMEOUT;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Duration cacheTtl;
    private int maxConcurrency;
    private RateLimit rateLimit;
    private Duration expectedDuration = Duration.ofSeconds(1);
    private boolean question;

    private Builder(boolean sideEffect) {
      this.sideEffect = sideEffect;
    }

    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    public Builder retry(RetryPolicy value) {
      retry = value;
      return this;
    }

    public Builder cacheTtl(Duration value) {
      cacheTtl = value;
      return this;
    }

    public Builder maxConcurrency(int value) {
      maxConcurrency = value;
      return this;
    }

    public Builder rateLimit(RateLimit value) {
      rateLimit = value;
      return this;
    }

    public Builder expectedDuration(Duration value) {
      expectedDuration = value;
      return this;
    }

    private Builder asking() {
      question = true;
      return this;
    }

    public ToolOptions build() {
      return new ToolOptions(sideEffect, timeout, retry, cacheTtl, maxConcurrency, rateLimit,
          expectedDuration, question);
    }
  }
}
