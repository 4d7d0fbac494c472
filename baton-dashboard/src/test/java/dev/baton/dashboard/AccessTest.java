package dev.baton.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTest {
  static final Instant NOW = Instant.parse("2026-01-25T10:00:00Z");
  static final Access.User ADMIN = new Access.User("local admin", "default", Access.Role.ADMIN);

  @TempDir
  Path home;

  @Test
  void aLoginTokenWorksOnceAndNotAfterItsTime() {
    Access access = new Access(Access.KeyCheck.NONE);
    String token = access.loginToken(ADMIN, NOW);
    assertThat(access.redeem(token, NOW.plusSeconds(5))).isPresent();
    assertThat(access.redeem(token, NOW.plusSeconds(6))).isEmpty();
    String late = access.loginToken(ADMIN, NOW);
    assertThat(access.redeem(late, NOW.plus(Access.LOGIN_TTL).plusSeconds(1))).isEmpty();
    assertThat(access.redeem(null, NOW)).isEmpty();
  }

  @Test
  void aSignedSessionSurvivesARestartButNotTamperingExpiryOrSigningOut() {
    byte[] secret = Access.secretIn(home);
    assertThat(Access.secretIn(home)).isEqualTo(secret);
    Access before = new Access(Access.KeyCheck.NONE, secret);
    var session = before.redeem(before.loginToken(ADMIN, NOW), NOW).orElseThrow();

    Access after = new Access(Access.KeyCheck.NONE, Access.secretIn(home));
    var again = after.session(session.id(), NOW.plusSeconds(60)).orElseThrow();
    assertThat(again.user()).isEqualTo(ADMIN);
    assertThat(again.csrf()).isEqualTo(session.csrf());

    String id = session.id();
    String tampered = (id.charAt(0) == 'A' ? 'B' : 'A') + id.substring(1);
    assertThat(after.session(tampered, NOW)).isEmpty();
    assertThat(new Access(Access.KeyCheck.NONE).session(id, NOW)).isEmpty();
    assertThat(after.session(id, NOW.plus(Access.SESSION_TTL).plus(Duration.ofSeconds(1))))
        .isEmpty();
    assertThat(after.session("garbage.garbage", NOW)).isEmpty();

    after.close(id, NOW.plusSeconds(60));
    assertThat(after.session(id, NOW.plusSeconds(61))).isEmpty();
  }

  @Test
  void aSessionOpenedWithAnApiKeyEndsWhenTheKeyIsRevoked() {
    java.util.Set<String> activeKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();
    activeKeys.add("bt_k1");
    Access access = new Access(new Access.KeyCheck() {
      @Override
      public java.util.Optional<Access.KeyHolder> check(String apiKey) {
        return apiKey.equals("bt_k1_secret")
            ? java.util.Optional.of(new Access.KeyHolder(ADMIN, "bt_k1"))
            : java.util.Optional.empty();
      }

      @Override
      public boolean active(String keyId) {
        return activeKeys.contains(keyId);
      }
    });
    assertThat(access.withKey("bt_k1_wrong", NOW)).isEmpty();
    var byKey = access.withKey(" bt_k1_secret ", NOW).orElseThrow();
    var byLink = access.redeem(access.loginToken(ADMIN, NOW), NOW).orElseThrow();
    assertThat(access.session(byKey.id(), NOW.plusSeconds(60))).isPresent();

    activeKeys.remove("bt_k1");

    assertThat(access.session(byKey.id(), NOW.plusSeconds(61))).isEmpty();
    assertThat(access.session(byLink.id(), NOW.plusSeconds(61))).isPresent();
  }

  @Test
  void twoSessionsOfOnePersonHaveTheirOwnFormTokens() {
    Access access = new Access(Access.KeyCheck.NONE);
    var a = access.redeem(access.loginToken(ADMIN, NOW), NOW).orElseThrow();
    var b = access.redeem(access.loginToken(ADMIN, NOW), NOW).orElseThrow();
    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(a.csrf()).isNotEqualTo(b.csrf());
  }
}
