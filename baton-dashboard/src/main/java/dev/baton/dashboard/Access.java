package dev.baton.dashboard;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the dashboard: one-time login tokens (printed by {@code baton serve}, exchanged by
 * POST for a session), sessions (an HttpOnly, SameSite=Strict cookie; each with its own token
 * against cross-site requests), and API keys checked by the server. Thread-safe.
 */
public final class Access {
  /** The session cookie's name. */
  public static final String COOKIE = "baton_session";
  static final Duration SESSION_TTL = Duration.ofHours(12);
  static final Duration LOGIN_TTL = Duration.ofMinutes(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a person may do; each role may do everything the ones before it may. */
  public enum Role {
    VIEWER, APPROVER, OPERATOR, ADMIN;

    public boolean atLeast(Role other) {
      return ordinal() >= other.ordinal();
    }
  }

  /** A signed-in person: a name, the tenant whose executions they see, their role. */
  public record User(String name, String tenant, Role role) {
    public boolean canApprove() {
      return role.atLeast(Role.APPROVER);
    }

    public boolean canOperate() {
      return role.atLeast(Role.OPERATOR);
    }

    public boolean isAdmin() {
      return role.atLeast(Role.ADMIN);
    }
  }

  /** Checks an API key pasted into the login page (the server's keys); empty when not valid. */
  @FunctionalInterface
  public interface KeyCheck {
    Optional<User> check(String apiKey);

    KeyCheck NONE = key -> Optional.empty();
  }

  /** A session: its user, the token its forms carry, and when it ends. */
  public record Session(String id, User user, String csrf, Instant expires) {}

  private record Pending(User user, Instant expires) {}

  private final Map<String, Pending> logins = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final KeyCheck keys;

  public Access(KeyCheck keys) {
    this.keys = keys;
  }

  /** A new one-time login token for {@code user}, valid for {@link #LOGIN_TTL}. */
  public String loginToken(User user, Instant now) {
    String token = random();
    logins.put(token, new Pending(user, now.plus(LOGIN_TTL)));
    return token;
  }

  /** Exchanges a one-time token for a session; empty if unknown, used or expired. */
  public Optional<Session> redeem(String token, Instant now) {
    if (token == null) {
      return Optional.empty();
    }
    Pending p = logins.remove(token);
    if (p == null || p.expires().isBefore(now)) {
      return Optional.empty();
    }
    return Optional.of(open(p.user(), now));
  }

  /** A session for the holder of an API key; empty if the key is not valid. */
  public Optional<Session> withKey(String key, Instant now) {
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    return keys.check(key.strip()).map(u -> open(u, now));
  }

  public Optional<Session> session(String id, Instant now) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = sessions.get(id);
    if (s == null || s.expires().isBefore(now)) {
      sessions.remove(id == null ? "" : id);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  public void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  private Session open(User user, Instant now) {
    Session s = new Session(random(), user, random(), now.plus(SESSION_TTL));
    sessions.put(s.id(), s);
    return s;
  }

  static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
