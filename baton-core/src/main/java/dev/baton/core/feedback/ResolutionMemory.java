package dev.baton.core.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person told Baton a name means, per tenant: the answer to a clarifying question ("Yoav"
 * in a request to meet is Yoav Cohen of Tevuot), remembered so the same question is not asked
 * again for a request with the same intents and the same name. Implementations are thread-safe.
 */
public interface ResolutionMemory {
  /**
   * One remembered answer.
   *
   * @param name the name as the request said it, folded (lower-case, no prefixes)
   * @param intents what the request asked for, as the planner names it (e.g. "meet")
   * @param value what the answer carries on (an e-mail address)
   * @param label how the answer is shown (the person's name and organisation)
   */
  record Resolution(String tenant, String name, String intents, String value, String label,
      Instant at) {
    public Resolution {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(intents, "intents");
      Objects.requireNonNull(value, "value");
      label = label == null ? value : label;
      Objects.requireNonNull(at, "at");
    }
  }

  /** Remembers an answer, replacing one for the same tenant, name and intents. */
  void remember(Resolution resolution);

  /** The answer remembered for this name and intents; empty if none. */
  Optional<Resolution> recall(String tenant, String name, String intents);

  /** Everything remembered for {@code tenant}, newest first. */
  List<Resolution> list(String tenant);

  /** Forgets every answer for {@code name} (all intents); returns how many were forgotten. */
  int forget(String tenant, String name);

  /** Remembers nothing. */
  ResolutionMemory NONE = new ResolutionMemory() {
    @Override
    public void remember(Resolution resolution) {}

    @Override
    public Optional<Resolution> recall(String tenant, String name, String intents) {
      return Optional.empty();
    }

    @Override
    public List<Resolution> list(String tenant) {
      return List.of();
    }

    @Override
    public int forget(String tenant, String name) {
      return 0;
    }
  };
}
