package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.ExecutionId;
import dev.baton.core.feedback.Feedback;
import dev.baton.core.feedback.FeedbackStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link FeedbackStore} must show. Extend it; return a fresh, empty store. */
public abstract class FeedbackStoreContract {
  private static final Instant T0 = Instant.parse("2026-01-20T08:30:00Z");
  private static final ExecutionId A = ExecutionId.of("exec-a");
  private static final ExecutionId B = ExecutionId.of("exec-b");

  protected abstract FeedbackStore newStore();

  @Test
  void keepsARatingWithItsCommentPerTenant() {
    FeedbackStore s = newStore();
    s.record(new Feedback("acme", A, Feedback.Rating.GOOD, "just right – בדיוק", "dana", T0));

    assertThat(s.of("acme", A)).singleElement().satisfies(f -> {
      assertThat(f.rating()).isEqualTo(Feedback.Rating.GOOD);
      assertThat(f.comment()).isEqualTo("just right – בדיוק");
      assertThat(f.by()).isEqualTo("dana");
      assertThat(f.at()).isEqualTo(T0);
    });
    assertThat(s.of("other", A)).isEmpty();
    assertThat(s.recent("other", 10)).isEmpty();
  }

  @Test
  void aPersonsLaterRatingReplacesTheirEarlierOne() {
    FeedbackStore s = newStore();
    s.record(new Feedback("acme", A, Feedback.Rating.GOOD, null, "dana", T0));
    s.record(new Feedback("acme", A, Feedback.Rating.BAD, "wrong Yoav", "dana", T0.plusSeconds(5)));
    s.record(new Feedback("acme", A, Feedback.Rating.GOOD, null, null, T0.plusSeconds(6)));

    assertThat(s.of("acme", A)).extracting(Feedback::rating)
        .containsExactly(Feedback.Rating.BAD, Feedback.Rating.GOOD);
  }

  @Test
  void recentIsNewestFirstAndBounded() {
    FeedbackStore s = newStore();
    s.record(new Feedback("acme", A, Feedback.Rating.GOOD, null, "dana", T0));
    s.record(new Feedback("acme", B, Feedback.Rating.BAD, null, "dana", T0.plusSeconds(1)));

    assertThat(s.recent("acme", 10)).extracting(Feedback::execution).containsExactly(B, A);
    assertThat(s.recent("acme", 1)).extracting(Feedback::execution).containsExactly(B);
  }
}
