package dev.baton.dashboard;

/**
 * What every page needs: the words, the signed-in person (null on the login page), the token
 * its forms carry, how many human steps wait, and the page's own path (for the language link).
 */
public record Page(Messages m, String title, Access.User user, String csrf, int pending,
    String path) {
  public Lang lang() {
    return m.lang();
  }

  /** This page's path, encoded for a query parameter (the language link comes back here). */
  public String back() {
    String p = path.startsWith("/ui/login") ? "/ui" : path;
    return java.net.URLEncoder.encode(p, java.nio.charset.StandardCharsets.UTF_8);
  }

  public String t(String key, Object... args) {
    return m.t(key, args);
  }
}
