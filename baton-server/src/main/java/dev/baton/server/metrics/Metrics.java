package dev.baton.server.metrics;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.port.ExecutionStore;
import dev.baton.model.ModelPrices;
import dev.baton.server.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics through Micrometer: executions by status and approvals waiting (read from the
 * store at each scrape, so they count every process's work), and what this process's engine did
 * (step durations by tool and outcome, retries, cache hits, rate-limit waits, model calls, tokens
 * and cost), counted from its events as they commit. Every meter has a description
 * ({@code promtool check metrics} insists).
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ModelPrices prices = new ModelPrices(System.getenv());
  private final Map<ExecutionStatus, AtomicLong> byStatus = new EnumMap<>(ExecutionStatus.class);
  private final AtomicLong waiting = new AtomicLong();
  private final Sql sql;
  private final ExecutionStore store;

  public Metrics(Sql sql, ExecutionStore store) {
    this.sql = sql;
    this.store = store;
    for (ExecutionStatus s : ExecutionStatus.values()) {
      AtomicLong n = new AtomicLong();
      byStatus.put(s, n);
      Gauge.builder("baton.executions", n, AtomicLong::get)
          .description("Executions in the store by status (every tenant, every process)")
          .tag("status", s.name().toLowerCase(Locale.ROOT)).register(registry);
    }
    Gauge.builder("baton.human.steps.waiting", waiting, AtomicLong::get)
        .description("Approvals and clarifying questions waiting for a person")
        .register(registry);
    // why: series that exist from the start, so a dashboard sees 0 rather than nothing
    Counter.builder("baton.cache.hits").description("Steps answered from the result cache")
        .register(registry);
    Counter.builder("baton.rate.limit.waits").description("Times a step waited for a"
        + " rate limit").register(registry);
    Counter.builder("baton.approvals.requested").description("Approvals asked for")
        .register(registry);
  }

  /** Counts one committed event of this process's engine. */
  public void record(Event e) {
    switch (e) {
      case Event.StepSucceeded s -> {
        Timer.builder("baton.step.duration").description("Time a step took, by tool and outcome")
            .tag("outcome", s.cached() ? "cached" : "succeeded").register(registry)
            .record(s.took() == null ? java.time.Duration.ZERO : s.took());
        if (s.cached()) {
          Counter.builder("baton.cache.hits").description("Steps answered from the result cache")
              .register(registry).increment();
        }
      }
      case Event.AttemptFailed f -> {
        if (f.retryIn() != null) {
          Counter.builder("baton.step.retries").description("Attempts that failed and were"
              + " retried").tag("code", f.error().code().name()).register(registry).increment();
        }
      }
      case Event.StepFailed f -> Counter.builder("baton.step.failures")
          .description("Steps that failed for good").tag("code", f.error().code().name())
          .register(registry).increment();
      case Event.StepStage st -> {
        if (st.stage() == Event.Stage.RATE_LIMITED) {
          Counter.builder("baton.rate.limit.waits").description("Times a step waited for a"
              + " rate limit").register(registry).increment();
        } else if (st.stage() == Event.Stage.CACHE_MISS) {
          Counter.builder("baton.cache.misses").description("Cacheable steps not found in the"
              + " result cache").register(registry).increment();
        }
      }
      case Event.ApprovalRequested a -> Counter.builder("baton.approvals.requested")
          .description("Approvals asked for").register(registry).increment();
      case Event.ModelUsed m -> {
        Counter.builder("baton.model.calls").description("Calls to a language model")
            .tag("model", m.model()).tag("purpose", purpose(m.purpose())).register(registry)
            .increment(m.calls());
        DistributionSummary.builder("baton.model.tokens").description("Tokens a model call"
            + " used, by direction").baseUnit("tokens").tag("model", m.model())
            .tag("direction", "input").register(registry).record(m.inputTokens());
        DistributionSummary.builder("baton.model.tokens").description("Tokens a model call"
            + " used, by direction").baseUnit("tokens").tag("model", m.model())
            .tag("direction", "output").register(registry).record(m.outputTokens());
        prices.of(m.model()).ifPresent(p -> Counter.builder("baton.model.cost")
            .description("Model cost at list prices").baseUnit("dollars")
            .tag("model", m.model()).register(registry)
            .increment(p.cost(m.inputTokens(), m.outputTokens()).doubleValue()));
      }
      default -> {
      }
    }
  }

  private static String purpose(String p) {
    // why: a tool's purpose is its step id; keep the label's values few
    return "planning".equals(p) || "replanning".equals(p) ? p : "step";
  }

  /** The text exposition, with the store's figures read now. */
  public String scrape() {
    byStatus.values().forEach(n -> n.set(0));
    sql.query("SELECT status, COUNT(*) FROM executions GROUP BY status", rs -> {
      try {
        byStatus.get(ExecutionStatus.valueOf(rs.getString(1))).set(rs.getLong(2));
      } catch (IllegalArgumentException unknown) {
        // why: a status from a newer version of Baton sharing the database
      }
      return null;
    });
    waiting.set(store.countPendingHumanSteps(null));
    return registry.scrape();
  }
}
