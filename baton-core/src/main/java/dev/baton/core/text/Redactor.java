package dev.baton.core.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text before it is stored, printed, logged or put on a span: the secrets
 * Baton was configured with (model keys, database and DAV passwords, API keys), the value of every
 * {@code Authorization} (and {@code x-api-key}-style) header, {@code key=}/{@code token=} query
 * parameters, and tokens shaped like well-known keys ({@code sk-…}, {@code AIza…}, JWTs, …), each
 * replaced by {@link #MARK}. Immutable and thread-safe.
 *
 * <p>One process-wide instance, {@link #shared()}, is what every error, log and span goes
 * through; the application adds its configured secrets to it once at start with
 * {@link #remember(Collection)}.
 */
public final class Redactor {
  /** What a credential is replaced by. */
  public static final String MARK = "[redacted]";
  /** Configured secrets shorter than this are not searched for (they would match ordinary text). */
  public static final int MIN_SECRET_LENGTH = 6;

  private static final Pattern HEADERS = Pattern.compile(
      "(?i)\\b((?:proxy-)?authorization|x-api-key|api-key|x-goog-api-key|x-auth-token|cookie"
          + "|set-cookie)(\"?\\s*[:=]\\s*\"?)(?:(bearer|basic|token|digest)\\s+)?([^\\s\",;}]+)");
  /** {@code ?key=…} and {@code &access_token=…} in URLs. */
  private static final Pattern QUERY = Pattern.compile(
      "(?i)([?&](?:api[_-]?key|key|access[_-]?token|token|secret|password|client[_-]?secret"
          + "|sig|signature)=)([^&\\s\"'#]+)");
  /** {@code "api_key": "…"} in JSON and {@code password=…} in properties or forms. */
  private static final Pattern NAMED = Pattern.compile(
      "(?i)((?:\"(?:api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|client[_-]?secret"
          + "|password|passwd|secret|secret[_-]?key|token)\"\\s*:\\s*\")"
          + "|(?:\\b(?:api[_-]?key|access[_-]?token|client[_-]?secret|password|passwd"
          + "|secret[_-]?key)=))([^\\s\"',;}&]+)");
  private static final Pattern KEY_SHAPED = Pattern.compile(
      "\\b(?:sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{30,}"
          + "|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}"
          + "|AKIA[0-9A-Z]{16}|glpat-[A-Za-z0-9_-]{20,}"
          + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"
          + "|bt_[A-Za-z0-9_-]{20,})");

  private static volatile Redactor shared = new Redactor(List.of());

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A redactor for the well-known shapes only. */
  public static Redactor standard() {
    return new Redactor(List.of());
  }

  /** The process-wide redactor. */
  public static Redactor shared() {
    return shared;
  }

  /** Adds configured secrets (null, blank and too short ones are ignored) to {@link #shared()}. */
  public static synchronized void remember(Collection<String> values) {
    shared = shared.with(values);
  }

  /** Shorthand for {@code shared().redact(text)}. */
  public static String clean(String text) {
    return shared.redact(text);
  }

  /** A redactor that also removes these exact values. */
  public Redactor with(Collection<String> values) {
    List<String> all = new ArrayList<>(secrets);
    for (String v : values) {
      if (v != null && v.strip().length() >= MIN_SECRET_LENGTH && !all.contains(v.strip())) {
        all.add(v.strip());
      }
    }
    // why: a secret that contains another must be replaced first, or a piece of it survives
    all.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(all));
  }

  /** The text with every credential replaced by {@link #MARK}; null stays null. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, MARK);
    }
    out = replace(HEADERS, out, m -> m.group(1) + m.group(2)
        + (m.group(3) == null ? "" : m.group(3) + " ") + MARK);
    out = replace(QUERY, out, m -> m.group(1) + MARK);
    out = replace(NAMED, out, m -> m.group(1) + MARK);
    return KEY_SHAPED.matcher(out).replaceAll(Matcher.quoteReplacement(MARK));
  }

  private static String replace(Pattern p, String text,
      java.util.function.Function<Matcher, String> with) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder();
    do {
      String replacement = m.group(m.groupCount()).equals(MARK) ? m.group() : with.apply(m);
      m.appendReplacement(sb, Matcher.quoteReplacement(Objects.requireNonNull(replacement)));
    } while (m.find());
    m.appendTail(sb);
    return sb.toString();
  }
}
