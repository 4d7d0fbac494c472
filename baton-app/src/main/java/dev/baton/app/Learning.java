package dev.baton.app;

import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.Question;
import dev.baton.core.feedback.Feedback;
import dev.baton.core.feedback.FeedbackStore;
import dev.baton.core.feedback.ResolutionMemory;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.port.ExecutionStore;
import dev.baton.planner.RequestSignature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * What Baton learns from people, per tenant: an answer to a clarifying question about a name is
 * remembered (so the planner does not ask again for the same name and purpose), and well-rated
 * plans become examples for the model planner, chosen by a similarity that needs no model
 * (the requests' intents and entities, see {@link RequestSignature}).
 */
public final class Learning {
  /** A plan needs at least this similarity to be offered as an example. */
  static final double MIN_SIMILARITY = 0.3;
  /** How many recent ratings are looked through for examples. */
  private static final int RATINGS_LOOKED_AT = 200;

  private Learning() {}

  /**
   * Remembers the answer to a clarifying question about a name ({@code ask.choose} with
   * {@code name} and {@code purpose}); does nothing for other questions.
   *
   * @return whether something was remembered
   */
  public static boolean remember(ResolutionMemory memory, String tenant, Question q,
      JsonNode answer, Instant now) {
    JsonNode in = q.input();
    String value = answer == null ? "" : answer.path("value").asString("");
    if (!"ask.choose".equals(q.tool()) || !in.hasNonNull("name") || !in.hasNonNull("purpose")
        || value.isBlank()) {
      return false;
    }
    String label = value;
    for (JsonNode c : in.path("candidates")) {
      if (value.equals(c.path("value").asString(""))) {
        label = c.path("label").asString(value);
      }
    }
    memory.remember(new ResolutionMemory.Resolution(tenant, in.path("name").asString(),
        in.path("purpose").asString(), value, label, now));
    return true;
  }

  /**
   * The few well-rated plans of {@code tenant} most similar to {@code request}, best first: a
   * plan rated bad by anyone is never offered.
   */
  public static List<PlanContext.Example> examples(ExecutionStore store, String tenant,
      String request, int limit) {
    FeedbackStore feedback = store.feedback();
    List<Feedback> ratings = feedback.recent(tenant, RATINGS_LOOKED_AT);
    Set<String> bad = new HashSet<>();
    ratings.stream().filter(f -> f.rating() == Feedback.Rating.BAD)
        .forEach(f -> bad.add(f.execution().value()));
    RequestSignature wanted = RequestSignature.of(request);
    record Scored(PlanContext.Example example, double score) {}
    List<Scored> scored = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Feedback f : ratings) {
      String id = f.execution().value();
      if (f.rating() != Feedback.Rating.GOOD || bad.contains(id) || !seen.add(id)) {
        continue;
      }
      ExecutionState state;
      try {
        state = store.load(f.execution());
      } catch (RuntimeException gone) {
        continue;
      }
      if (state == null || state.request() == null || state.plan() == null) {
        continue;
      }
      double s = wanted.similarity(RequestSignature.of(state.request()));
      if (s >= MIN_SIMILARITY) {
        scored.add(new Scored(new PlanContext.Example(state.request(), state.plan()), s));
      }
    }
    return scored.stream().sorted(Comparator.comparingDouble(Scored::score).reversed())
        .limit(limit).map(Scored::example).toList();
  }

  /** A memory opened only when the planner first needs it (so planning opens no database). */
  static ResolutionMemory deferred(Supplier<ResolutionMemory> open) {
    Lazy<ResolutionMemory> lazy = new Lazy<>("resolution memory", open);
    return new ResolutionMemory() {
      @Override
      public void remember(Resolution r) {
        lazy.get().remember(r);
      }

      @Override
      public Optional<Resolution> recall(String tenant, String name, String intents) {
        return lazy.get().recall(tenant, name, intents);
      }

      @Override
      public List<Resolution> list(String tenant) {
        return lazy.get().list(tenant);
      }

      @Override
      public int forget(String tenant, String name) {
        return lazy.get().forget(tenant, name);
      }
    };
  }
}
