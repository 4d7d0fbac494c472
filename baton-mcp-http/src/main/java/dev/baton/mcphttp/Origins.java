package dev.baton.mcphttp;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser origins may call the endpoint (DNS-rebinding protection, as the MCP specification
 * asks of Streamable HTTP servers): this server's own loopback origins, on the port the request
 * came in on, plus the configured ones. A request without {@code Origin} (not from a browser
 * page) is not refused here; it still needs its key.
 */
final class Origins {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
  private final Set<String> extra;

  Origins(List<String> extra) {
    this.extra = Set.copyOf(extra.stream().map(Origins::normalize).toList());
  }

  /** Whether a page of {@code origin} may call this server, reached on {@code localPort}. */
  boolean allowed(String origin, int localPort) {
    String o = normalize(origin);
    if (extra.contains(o)) {
      return true;
    }
    URI uri;
    try {
      uri = URI.create(o);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String scheme = uri.getScheme();
    String host = uri.getHost();
    if (scheme == null || host == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
        || uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
      return false;
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443
        : scheme.equals("http") ? 80 : -1;
    return (scheme.equals("http") || scheme.equals("https")) && LOOPBACK.contains(host)
        && port == localPort;
  }

  private static String normalize(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
