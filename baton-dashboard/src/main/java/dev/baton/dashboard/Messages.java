package dev.baton.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The dashboard's words in Hebrew and English, read from {@code dashboard/messages_he.properties}
 * and {@code _en} (UTF-8). A missing key shows as the key itself, so a gap is visible, not fatal;
 * a test checks both files hold the same keys.
 */
public final class Messages {
  private static final Map<Lang, Properties> BUNDLES = new EnumMap<>(Lang.class);

  static {
    for (Lang lang : Lang.values()) {
      BUNDLES.put(lang, load(lang));
    }
  }

  private final Lang lang;

  private Messages(Lang lang) {
    this.lang = lang;
  }

  public static Messages of(Lang lang) {
    return new Messages(lang);
  }

  public Lang lang() {
    return lang;
  }

  /** The text for {@code key}, with {0}, {1}… replaced by {@code args} (as given, not escaped). */
  public String t(String key, Object... args) {
    String text = BUNDLES.get(lang).getProperty(key);
    if (text == null) {
      return key;
    }
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text;
  }

  static Set<String> keys(Lang lang) {
    return BUNDLES.get(lang).stringPropertyNames();
  }

  private static Properties load(Lang lang) {
    String name = "/dashboard/messages_" + lang.code() + ".properties";
    try (InputStream in = Messages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
