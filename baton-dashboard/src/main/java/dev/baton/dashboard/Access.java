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
 *
 * <p>A session is signed, not stored: the cookie holds who, which tenant, which role and until
 * when, with an HMAC-SHA256 under a secret kept in the data folder ({@code keys/dashboard.key},
 * owner-only), so a restarted server still knows its signed-in people and an open live page
 * reconnects by itself. Signing out adds the session to a list of ended ones (kept in memory
 * until the session would have expired anyway). A session opened with an API key names the key,
 * and ends as soon as the key is revoked.
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

  /** Who holds an API key, and the key's id (its public part). */
  public record KeyHolder(User user, String keyId) {}

  /** The server's API keys, as the login page and key-opened sessions need them. */
  public interface KeyCheck {
    /** Who holds {@code apiKey} (pasted into the login page); empty when it is not valid. */
    Optional<KeyHolder> check(String apiKey);

    /** Whether the key with this id still holds (not revoked, not gone). */
    boolean active(String keyId);

    KeyCheck NONE = new KeyCheck() {
      @Override
      public Optional<KeyHolder> check(String apiKey) {
        return Optional.empty();
      }

      @Override
      public boolean active(String keyId) {
        return false;
      }
    };
  }

  /** A session: its user, the token its forms carry, and when it ends. */
  public record Session(String id, User user, String csrf, Instant expires) {}

  private record Pending(User user, Instant expires) {}

  private final Map<String, Pending> logins = new ConcurrentHashMap<>();
  private final Map<String, Instant> ended = new ConcurrentHashMap<>();
  private final KeyCheck keys;
  private final byte[] secret;

  /** With a secret of its own (sessions end with the process). */
  public Access(KeyCheck keys) {
    this(keys, randomBytes());
  }

  public Access(KeyCheck keys, byte[] secret) {
    this.keys = keys;
    this.secret = secret.clone();
  }

  /**
   * The signing secret in {@code home/keys/dashboard.key}, made (owner-only) if missing.
   *
   * @throws java.io.UncheckedIOException if the file cannot be read or written
   */
  public static byte[] secretIn(java.nio.file.Path home) {
    java.nio.file.Path file = home.resolve("keys").resolve("dashboard.key");
    try {
      if (java.nio.file.Files.isRegularFile(file)) {
        byte[] b = Base64.getDecoder().decode(java.nio.file.Files.readString(file).strip());
        if (b.length >= 32) {
          return b;
        }
      }
      java.nio.file.Files.createDirectories(file.getParent());
      byte[] b = randomBytes();
      java.nio.file.Path tmp = file.resolveSibling("dashboard.key.tmp");
      java.nio.file.Files.writeString(tmp, Base64.getEncoder().encodeToString(b));
      try {
        java.nio.file.Files.setPosixFilePermissions(tmp,
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // why: on a file system without POSIX permissions the folder's own rights apply
      }
      java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return b;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot keep the dashboard's key in " + file, e);
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
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
    return Optional.of(open(p.user(), "", now));
  }

  /** A session for the holder of an API key; empty if the key is not valid. */
  public Optional<Session> withKey(String key, Instant now) {
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    return keys.check(key.strip()).map(h -> open(h.user(), h.keyId(), now));
  }

  public Optional<Session> session(String id, Instant now) {
    if (id == null || id.length() > 1024) {
      return Optional.empty();
    }
    int dot = id.lastIndexOf('.');
    if (dot <= 0 || ended.containsKey(id)) {
      return Optional.empty();
    }
    String payload = id.substring(0, dot);
    if (!java.security.MessageDigest.isEqual(mac(payload).getBytes(
        java.nio.charset.StandardCharsets.US_ASCII), id.substring(dot + 1).getBytes(
        java.nio.charset.StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(payload),
          java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
      Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[0]));
      if (!expires.isAfter(now)) {
        return Optional.empty();
      }
      // why: a session opened with an API key ends when the key is revoked, not 12 h later
      if (parts.length > 5 && !parts[5].isEmpty() && !keys.active(parts[5])) {
        return Optional.empty();
      }
      User user = new User(parts[3], parts[1], Role.valueOf(parts[2]));
      return Optional.of(new Session(id, user, mac("csrf\n" + id), expires));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  /** Signs a session out: it is refused from now on (until it would have expired anyway). */
  public void close(String id, Instant now) {
    ended.values().removeIf(e -> e.isBefore(now));
    session(id, now).ifPresent(s -> ended.put(id, s.expires()));
  }

  /** @param keyId the API key the session was opened with, or "" (a one-time login) */
  private Session open(User user, String keyId, Instant now) {
    Instant expires = now.plus(SESSION_TTL);
    // why: a random part, so two sessions of one person never share an id or a form token
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(String.join("\n",
        Long.toString(expires.getEpochSecond()), user.tenant(), user.role().name(),
        user.name().replace('\n', ' '), random(), keyId.replace('\n', ' '))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String id = payload + "." + mac(payload);
    return new Session(id, user, mac("csrf\n" + id), expires);
  }

  private String mac(String text) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(
          text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
