package dev.baton.tools.dav;

import dev.baton.core.error.BatonException;
import dev.baton.core.tool.ToolFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A small WebDAV client over {@code java.net.http} for CalDAV and CardDAV. It maps failures to
 * Baton's retry rules once, here: unreachable server, timeouts and 5xx are retryable (429 and 503
 * with the server's Retry-After), any other status the caller did not expect is permanent.
 */
public final class DavClient {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final String authorization;
  private final String what;

  /**
   * @param what names the server in error messages, e.g. "CalDAV server"
   * @param user empty for no authentication
   */
  public DavClient(String what, String user, String password) {
    this.what = what;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        // why: many DAV servers (Radicale among them) drop a request that offers an h2c upgrade
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    this.authorization = user.isEmpty() ? "" : "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A response's status and body. */
  public record Response(int status, String body) {}

  /**
   * Sends a request and returns the response if its status is one of {@code expected}.
   *
   * @throws BatonException TOOL_UNAVAILABLE (retryable) when the server is unreachable or failing,
   *     TOOL_FAILED (permanent) for any other unexpected status
   */
  public Response send(String method, URI uri, Map<String, String> headers, String body,
      Set<Integer> expected) throws InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (!authorization.isEmpty()) {
      b.header("Authorization", authorization);
    }
    headers.forEach(b::header);
    HttpResponse<String> r = exchange(b.build(), uri);
    int status = r.statusCode();
    if (expected.contains(status)) {
      return new Response(status, r.body());
    }
    throw failure(method, uri, status, r);
  }

  private HttpResponse<String> exchange(HttpRequest request, URI uri)
      throws InterruptedException {
    IOException last = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (ConnectException e) {
        last = e;
        break;
      } catch (IOException e) {
        // why: servers that answer HTTP/1.0 (Radicale's) close connections the client pooled;
        // the first request on such a stale connection fails before reaching the server, so one
        // immediate resend is safe (creation is guarded by If-None-Match anyway)
        last = e;
      }
    }
    throw ToolFailure.retryable(what + " at " + uri.getHost() + ":" + uri.getPort()
        + " is unreachable (" + last.getClass().getSimpleName() + ": " + last.getMessage()
        + "); try again later", last);
  }

  private BatonException failure(String method, URI uri, int status, HttpResponse<String> r) {
    String text = what + " answered " + status + " to " + method + " " + uri.getPath();
    if (status == 429 || status == 503) {
      var after = r.headers().firstValue("Retry-After").flatMap(DavClient::seconds);
      if (after.isPresent()) {
        return ToolFailure.retryAfter(text, after.get());
      }
    }
    if (status >= 500 || status == 429 || status == 408) {
      return ToolFailure.retryable(text);
    }
    return ToolFailure.permanent(text + (status == 401 || status == 403
        ? ": check the user name and password" : ""));
  }

  private static java.util.Optional<Duration> seconds(String header) {
    try {
      return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(header.strip())));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
