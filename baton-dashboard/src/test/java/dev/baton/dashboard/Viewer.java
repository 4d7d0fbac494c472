package dev.baton.dashboard;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** A second person, signed in with an API key over plain HTTP (their own cookie). */
final class Viewer {
  private final String base;
  private final String cookie;
  private final HttpClient http = HttpClient.newHttpClient();

  private Viewer(String base, String cookie) {
    this.base = base;
    this.cookie = cookie;
  }

  static Viewer signIn(String base, String key) throws Exception {
    var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/ui/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Origin", base)
        .POST(HttpRequest.BodyPublishers.ofString("key=" + URLEncoder.encode(key,
            StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow(() ->
        new AssertionError("the key did not sign in: " + r.statusCode()));
    return new Viewer(base, setCookie.substring(0, setCookie.indexOf(';')));
  }

  String get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Posts with the given headers and form body (no token unless given); returns the status. */
  int postRaw(String path, String body, String... headers) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** Posts a form body with the given headers; the whole response, redirects not followed. */
  HttpResponse<String> postForm(String path, String body, String... headers) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> response(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The form token in {@code page}. */
  static String csrf(String page) {
    var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    return m.find() ? m.group(1) : "";
  }

  /** Posts the form token found in {@code page}; returns the status. */
  int post(String path, String page) throws Exception {
    var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    String csrf = m.find() ? m.group(1) : "";
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
        .header("Origin", base).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
