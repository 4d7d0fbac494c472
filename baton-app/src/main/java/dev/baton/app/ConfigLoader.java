package dev.baton.app;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.engine.EngineOptions;
import dev.baton.model.ModelConfig;
import dev.baton.core.text.Redactor;
import dev.baton.core.text.Visible;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Builds a {@link BatonConfig} from defaults, the properties file in the data folder, the
 * environment and flags, and names every bad key by its path before anything starts.
 */
public final class ConfigLoader {
  public static final String DEFAULT_HOME = ".baton";
  public static final String FILE_NAME = "baton.properties";

  /** Property keys and the environment variables that set them. */
  static final Map<String, String> KEYS = orderedKeys();

  private ConfigLoader() {}

  private static Map<String, String> orderedKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("store.url", "BATON_DB_URL");
    keys.put("store.user", "BATON_DB_USER");
    keys.put("store.password", "BATON_DB_PASSWORD");
    keys.put("store.schema", "BATON_DB_SCHEMA");
    keys.put("engine.max-parallel", "BATON_MAX_PARALLEL");
    keys.put("engine.max-concurrent-steps", "BATON_MAX_CONCURRENT_STEPS");
    keys.put("engine.lease-ttl", "BATON_LEASE_TTL");
    keys.put("engine.poll-interval", "BATON_POLL_INTERVAL");
    keys.put("workspace", "BATON_WORKSPACE");
    keys.put("tenant", "BATON_TENANT");
    keys.put("zone", "BATON_TIME_ZONE");
    keys.put("owner", "BATON_OWNER");
    keys.put("calendar.url", "BATON_CALDAV_URL");
    keys.put("calendar.user", "BATON_CALDAV_USER");
    keys.put("calendar.password", "BATON_CALDAV_PASSWORD");
    keys.put("contacts.url", "BATON_CARDDAV_URL");
    keys.put("contacts.user", "BATON_CARDDAV_USER");
    keys.put("contacts.password", "BATON_CARDDAV_PASSWORD");
    keys.put("planner.fallback", "BATON_PLANNER_FALLBACK");
    return Map.copyOf(keys);
  }

  /**
   * @param homeFlag the {@code --home} flag, or null
   * @param env the environment (usually {@code System.getenv()})
   * @param flags property keys set on the command line
   * @throws BatonException CONFIG_INVALID naming every bad key
   */
  public static BatonConfig load(Path homeFlag, Map<String, String> env, Map<String, String> flags) {
    Path home = homeFlag != null ? homeFlag
        : Path.of(env.getOrDefault("BATON_HOME", DEFAULT_HOME));
    Map<String, String> values = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    Path file = home.resolve(FILE_NAME);
    if (Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException | IllegalArgumentException e) {
        throw BatonException.of(ErrorCode.CONFIG_INVALID, "cannot read " + file + ": "
            + e.getMessage(), e);
      }
      for (String key : p.stringPropertyNames()) {
        if (!KEYS.containsKey(key)) {
          problems.add(new Problem(file + ": " + key, "unknown key; known keys are "
              + Set.copyOf(KEYS.keySet())));
        } else {
          values.put(key, p.getProperty(key).trim());
        }
      }
    }
    KEYS.forEach((key, var) -> {
      String v = env.get(var);
      if (v != null && !v.isBlank()) {
        values.put(key, v.trim());
      }
    });
    values.putAll(flags);
    ModelConfig model = null;
    try {
      model = ModelConfig.fromEnvironment(env).orElse(null);
    } catch (BatonException e) {
      problems.add(new Problem(e.details().getOrDefault("variable", "BATON_MODEL"),
          e.getMessage()));
    }
    // why: every error, log and span from here on passes the redactor; it must know the secrets
    Redactor.remember(java.util.Arrays.asList(values.get("store.password"),
        values.get("calendar.password"), values.get("contacts.password"),
        model == null ? null : model.apiKey()));
    BatonConfig config = build(home, values, problems, model);
    if (!problems.isEmpty()) {
      throw BatonException.invalid(ErrorCode.CONFIG_INVALID, "The configuration is invalid:",
          problems);
    }
    return config;
  }

  private static BatonConfig build(Path home, Map<String, String> v, List<Problem> problems,
      ModelConfig model) {
    String url = v.get("store.url");
    if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
      problems.add(new Problem("store.url", "must be a jdbc:postgresql: or jdbc:sqlite: url, was '"
          + url + "'"));
    }
    var store = new BatonConfig.StoreConfig(url, v.get("store.user"), v.get("store.password"),
        v.getOrDefault("store.schema", "public"));
    var engine = new BatonConfig.EngineConfig(
        positive(v, "engine.max-parallel", ExecutionOptions.DEFAULT_MAX_PARALLEL, problems),
        positive(v, "engine.max-concurrent-steps", EngineOptions.DEFAULT_MAX_CONCURRENT_STEPS,
            problems),
        duration(v, "engine.lease-ttl", EngineOptions.DEFAULT_LEASE_TTL, problems),
        duration(v, "engine.poll-interval", EngineOptions.DEFAULT_POLL_INTERVAL, problems));
    if (engine.leaseTtl().compareTo(engine.pollInterval().multipliedBy(3)) < 0) {
      problems.add(new Problem("engine.lease-ttl", "must be at least three poll intervals"));
    }
    ZoneId zone = ZoneId.of("Asia/Jerusalem");
    if (v.containsKey("zone")) {
      try {
        zone = ZoneId.of(v.get("zone"));
      } catch (RuntimeException e) {
        problems.add(new Problem("zone", "unknown time zone '" + v.get("zone") + "'"));
      }
    }
    Path workspace = v.containsKey("workspace") ? Path.of(v.get("workspace"))
        : home.resolve("workspace");
    String fallback = v.getOrDefault("planner.fallback", "offline").strip().toLowerCase();
    if (!fallback.equals("offline") && !fallback.equals("none")) {
      problems.add(new Problem("planner.fallback", "must be offline or none, was '"
          + Visible.quote(fallback) + "'"));
    }
    return new BatonConfig(home, store, engine, workspace, v.getOrDefault("tenant", "default"),
        zone, v.getOrDefault("owner", "me@baton.local"), dav(v, "calendar", problems),
        dav(v, "contacts", problems), model, !fallback.equals("none"));
  }

  private static BatonConfig.Dav dav(Map<String, String> v, String prefix,
      List<Problem> problems) {
    String url = v.get(prefix + ".url");
    if (url == null) {
      if (v.containsKey(prefix + ".user") || v.containsKey(prefix + ".password")) {
        problems.add(new Problem(prefix + ".url", "missing, but " + prefix
            + ".user or .password is set"));
      }
      return null;
    }
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      problems.add(new Problem(prefix + ".url", "must be an http:// or https:// url, was '" + url
          + "'"));
      return null;
    }
    return new BatonConfig.Dav(url.endsWith("/") ? url : url + "/", v.get(prefix + ".user"),
        v.get(prefix + ".password"));
  }

  private static int positive(Map<String, String> v, String key, int fallback,
      List<Problem> problems) {
    String raw = v.get(key);
    if (raw == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problems.add(new Problem(key, "must be a whole number of at least 1, was '" + raw + "'"));
    return fallback;
  }

  /** Accepts ISO-8601 ({@code PT15S}) or a number with ms, s, m or h ({@code 15s}). */
  static Duration duration(Map<String, String> v, String key, Duration fallback,
      List<Problem> problems) {
    String raw = v.get(key);
    if (raw == null) {
      return fallback;
    }
    try {
      Duration d = parseDuration(raw);
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (DateTimeParseException | NumberFormatException ignored) {
      // reported below
    }
    problems.add(new Problem(key, "must be a positive duration such as 15s, 500ms or PT1M, was '"
        + raw + "'"));
    return fallback;
  }

  public static Duration parseDuration(String raw) {
    String s = raw.trim().toLowerCase();
    if (s.startsWith("pt") || s.startsWith("p")) {
      return Duration.parse(raw.trim().toUpperCase());
    }
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    long n = Long.parseLong(s.substring(0, s.length() - 1));
    return switch (s.charAt(s.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      default -> throw new NumberFormatException(raw);
    };
  }
}
