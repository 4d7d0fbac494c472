package dev.baton.server.webhook;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Keeps webhooks off the server's own network: a target whose host resolves to a loopback,
 * private (RFC 1918, carrier-grade NAT), link-local, unique-local (fc00::/7), unspecified or
 * multicast address is refused, checked on the resolved addresses at delivery time (a name that
 * later resolves elsewhere is caught then), unless the allow-list names its {@code host} or
 * {@code host:port}. Only http and https.
 */
public final class SsrfGuard {
  private final List<String> allowed;

  public SsrfGuard(List<String> allowed) {
    this.allowed = allowed.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  /** @throws BatonException WEBHOOK_TARGET_REFUSED naming why */
  public void check(URI target) {
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw refused("only http and https targets are allowed");
    }
    String host = target.getHost();
    if (host == null || host.isBlank()) {
      throw refused("the URL has no host");
    }
    if (target.getUserInfo() != null) {
      throw refused("credentials in the URL are not allowed; put a secret in the path");
    }
    String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
    int port = target.getPort() != -1 ? target.getPort() : scheme.equals("https") ? 443 : 80;
    if (allowed.contains(h) || allowed.contains(h + ":" + port)) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(h);
    } catch (UnknownHostException e) {
      throw BatonException.of(ErrorCode.WEBHOOK_TARGET_REFUSED, "cannot resolve " + h);
    }
    for (InetAddress a : addresses) {
      if (internal(a)) {
        throw refused(h + " resolves to " + a.getHostAddress() + ", an address on this"
            + " machine's own network; add \"" + h + ":" + port + "\" to the allow-list to permit"
            + " it");
      }
    }
  }

  static boolean internal(InetAddress a) {
    if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress()
        || a.isSiteLocalAddress() || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second < 128)
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return true;
      }
      // why: ::ffff:10.0.0.1 and the like reach IPv4 targets
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }

  private static BatonException refused(String why) {
    return BatonException.of(ErrorCode.WEBHOOK_TARGET_REFUSED, "webhook target refused: " + why);
  }
}
