package dev.baton.connect;

import java.util.Locale;

/** Baton names for foreign tools: lower-case words joined by '.', as the catalogue requires. */
final class ToolNames {
  private ToolNames() {}

  /** {@code server.tool} with the tool's name made lower-case and other characters '_'. */
  static String of(String server, String remote) {
    String t = remote.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (t.isEmpty() || !Character.isLetter(t.charAt(0))) {
      t = "t_" + t;
    }
    return server + "." + t;
  }
}
