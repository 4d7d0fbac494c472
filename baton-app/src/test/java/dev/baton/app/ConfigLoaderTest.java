package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path home;

  @Test
  void defaultsNeedNothing() {
    BatonConfig c = ConfigLoader.load(home, Map.of(), Map.of());
    assertThat(c.store().embedded()).isTrue();
    assertThat(c.workspace()).isEqualTo(home.resolve("workspace"));
    assertThat(c.zone()).isEqualTo(ZoneId.of("Asia/Jerusalem"));
    assertThat(c.engine().leaseTtl()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.calendar()).isNull();
    assertThat(c.model()).isNull();
  }

  @Test
  void fileThenEnvironmentThenFlagsEachWin() throws Exception {
    Files.writeString(home.resolve("baton.properties"), """
        engine.max-parallel=3
        engine.lease-ttl=30s
        tenant=from-file
        """);
    BatonConfig c = ConfigLoader.load(home, Map.of("BATON_MAX_PARALLEL", "5",
        "BATON_TENANT", "from-env"), Map.of("tenant", "from-flag"));
    assertThat(c.engine().maxParallel()).isEqualTo(5);
    assertThat(c.engine().leaseTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.tenant()).isEqualTo("from-flag");
  }

  @Test
  void homeComesFromTheEnvironmentWhenNoFlagGivesIt() {
    BatonConfig c = ConfigLoader.load(null, Map.of("BATON_HOME", home.toString()), Map.of());
    assertThat(c.home()).isEqualTo(home);
  }

  @Test
  void davBackEndsAreChosenByUrl() {
    BatonConfig c = ConfigLoader.load(home, Map.of("BATON_CALDAV_URL",
        "http://127.0.0.1:5232/me/calendar", "BATON_CALDAV_USER", "me"), Map.of());
    assertThat(c.calendar().url()).isEqualTo("http://127.0.0.1:5232/me/calendar/");
    assertThat(c.calendar().user()).isEqualTo("me");
    assertThat(c.contacts()).isNull();
  }

  @Test
  void everyBadKeyIsNamedBeforeAnythingStarts() throws Exception {
    Files.writeString(home.resolve("baton.properties"), "colour=red\n");
    assertThatThrownBy(() -> ConfigLoader.load(home, Map.of(
        "BATON_LEASE_TTL", "soon", "BATON_MAX_PARALLEL", "0", "BATON_TIME_ZONE", "Mars/Olympus",
        "BATON_DB_URL", "mysql://x", "BATON_CARDDAV_URL", "ftp://x",
        "BATON_CALDAV_USER", "me"), Map.of()))
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
          assertThat(e.problems()).extracting(Problem::location).contains("engine.lease-ttl",
              "engine.max-parallel", "zone", "store.url", "contacts.url", "calendar.url")
              .anyMatch(l -> l.endsWith("colour"));
        });
  }

  @Test
  void aBadModelSettingNamesItsVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(home, Map.of("BATON_MODEL", "acme:thinker"),
        Map.of())).isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
          assertThat(e.problems()).extracting(Problem::location).contains("BATON_MODEL");
        });
    assertThatThrownBy(() -> ConfigLoader.load(home, Map.of("BATON_MODEL",
        "openai:gpt-4.1-mini"), Map.of())).isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.getMessage()).contains("OPENAI_API_KEY"));
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(ConfigLoader.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ConfigLoader.parseDuration("15s")).isEqualTo(Duration.ofSeconds(15));
    assertThat(ConfigLoader.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(ConfigLoader.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
  }
}
