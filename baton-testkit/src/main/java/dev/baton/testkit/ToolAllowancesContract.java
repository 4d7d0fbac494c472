package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.port.ToolAllowances;
import dev.baton.core.port.ToolAllowances.Allowance;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ToolAllowances} must show. Extend it and return a fresh, empty store
 * of allowances from {@link #newAllowances}, and the same store reopened from
 * {@link #reopen} (for durable adapters; the in-memory one returns the same object).
 */
public abstract class ToolAllowancesContract {
  private static final Instant T0 = Instant.parse("2026-11-30T06:00:00.123456789Z");

  protected abstract ToolAllowances newAllowances();

  protected abstract ToolAllowances reopen();

  @Test
  void keepsAnAllowanceWithItsDigest() {
    ToolAllowances a = newAllowances();
    a.allow(new Allowance("fs.read_file", "sha256:aa", "dana", T0));

    assertThat(reopen().find("fs.read_file"))
        .contains(new Allowance("fs.read_file", "sha256:aa", "dana", T0));
    assertThat(reopen().find("fs.write_file")).isEmpty();
  }

  @Test
  void allowingAgainReplacesTheDigest() {
    ToolAllowances a = newAllowances();
    a.allow(new Allowance("fs.read_file", "sha256:aa", "dana", T0));
    a.allow(new Allowance("fs.read_file", "sha256:bb", "יואב", T0.plusSeconds(5)));

    assertThat(reopen().all()).containsOnlyKeys("fs.read_file");
    assertThat(reopen().find("fs.read_file").orElseThrow().digest()).isEqualTo("sha256:bb");
    assertThat(reopen().find("fs.read_file").orElseThrow().by()).isEqualTo("יואב");
  }

  @Test
  void revokesOneAndKeepsTheOthers() {
    ToolAllowances a = newAllowances();
    a.allow(new Allowance("fs.read_file", "sha256:aa", "dana", T0));
    a.allow(new Allowance("gh.search", "sha256:cc", "dana", T0));

    assertThat(a.revoke("fs.read_file")).isTrue();
    assertThat(a.revoke("fs.read_file")).isFalse();
    assertThat(reopen().all()).containsOnlyKeys("gh.search");
  }
}
