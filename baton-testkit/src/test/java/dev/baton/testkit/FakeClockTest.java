package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class FakeClockTest {
  @Test
  void standsStillUntilAdvanced() {
    FakeClock clock = new FakeClock(Instant.parse("2026-03-01T08:00:00Z"));

    assertThat(clock.instant()).isEqualTo(clock.instant());
    assertThat(clock.advance(Duration.ofMinutes(90)))
        .isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
  }

  @Test
  void refusesToRunBackwards() {
    assertThatThrownBy(() -> new FakeClock().advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void losesNoAdvanceWhenThreadsAdvanceTogether() {
    FakeClock clock = new FakeClock();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 1000; i++) {
        threads.submit(() -> clock.advance(Duration.ofMillis(1)));
      }
    }

    assertThat(clock.instant()).isEqualTo(FakeClock.DEFAULT_START.plusSeconds(1));
  }
}
