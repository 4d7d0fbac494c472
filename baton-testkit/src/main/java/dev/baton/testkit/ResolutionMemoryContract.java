package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.feedback.ResolutionMemory;
import dev.baton.core.feedback.ResolutionMemory.Resolution;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ResolutionMemory} must show. Extend it and return a fresh, empty
 * memory from {@link #newMemory}.
 */
public abstract class ResolutionMemoryContract {
  private static final Instant T0 = Instant.parse("2026-01-20T08:30:00Z");

  protected abstract ResolutionMemory newMemory();

  private static Resolution yoav(String tenant, String intents, String value, Instant at) {
    return new Resolution(tenant, "יואב", intents, value, "יואב כהן (תבואות)", at);
  }

  @Test
  void recallsWhatWasRememberedForTheSameNameAndIntents() {
    ResolutionMemory m = newMemory();
    m.remember(yoav("acme", "meet", "yoav.cohen@tevuot.co.il", T0));

    assertThat(m.recall("acme", "יואב", "meet")).hasValueSatisfying(r -> {
      assertThat(r.value()).isEqualTo("yoav.cohen@tevuot.co.il");
      assertThat(r.label()).isEqualTo("יואב כהן (תבואות)");
      assertThat(r.at()).isEqualTo(T0);
    });
    assertThat(m.recall("acme", "יואב", "contact")).isEmpty();
    assertThat(m.recall("acme", "yoav", "meet")).isEmpty();
  }

  @Test
  void keepsTenantsApart() {
    ResolutionMemory m = newMemory();
    m.remember(yoav("acme", "meet", "yoav.cohen@tevuot.co.il", T0));

    assertThat(m.recall("other", "יואב", "meet")).isEmpty();
    assertThat(m.list("other")).isEmpty();
  }

  @Test
  void aLaterAnswerReplacesTheEarlierOne() {
    ResolutionMemory m = newMemory();
    m.remember(yoav("acme", "meet", "yoav.cohen@tevuot.co.il", T0));
    m.remember(yoav("acme", "meet", "yoav.levi@levidesign.example", T0.plusSeconds(60)));

    assertThat(m.recall("acme", "יואב", "meet")).get()
        .extracting(Resolution::value).isEqualTo("yoav.levi@levidesign.example");
    assertThat(m.list("acme")).hasSize(1);
  }

  @Test
  void listsNewestFirstAndForgetsEveryIntentOfAName() {
    ResolutionMemory m = newMemory();
    m.remember(yoav("acme", "meet", "yoav.cohen@tevuot.co.il", T0));
    m.remember(yoav("acme", "contact", "yoav.cohen@tevuot.co.il", T0.plusSeconds(5)));
    m.remember(new Resolution("acme", "noa", "meet", "noa.barak@tevuot.co.il", null,
        T0.plusSeconds(10)));

    assertThat(m.list("acme")).extracting(Resolution::name)
        .containsExactly("noa", "יואב", "יואב");
    assertThat(m.forget("acme", "יואב")).isEqualTo(2);
    assertThat(m.list("acme")).extracting(Resolution::name).containsExactly("noa");
    assertThat(m.forget("acme", "nobody")).isZero();
  }
}
