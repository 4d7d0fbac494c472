package dev.baton.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A calendar on a {@link dev.baton.testkit.Radicale} server for the browser tests, read back with
 * a hand-written REPORT, independent of Baton's own CalDAV client.
 */
final class CalDavFixture {
  private CalDavFixture() {}

  /** Makes an empty calendar collection. */
  static void makeCalendar(URI calendar) throws Exception {
    HttpResponse<String> r = send("MKCALENDAR", calendar, null);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("MKCALENDAR answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** Every event's iCalendar text in the collection, unfolded. */
  static String report(URI calendar) throws Exception {
    String xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
          <D:prop><C:calendar-data/></D:prop>
          <C:filter><C:comp-filter name="VCALENDAR"/></C:filter>
        </C:calendar-query>
        """;
    HttpResponse<String> r = send("REPORT", calendar, xml);
    if (r.statusCode() != 207) {
      throw new IllegalStateException("REPORT answered " + r.statusCode());
    }
    return r.body().replace("\r\n ", "").replace("\n ", "");
  }

  private static HttpResponse<String> send(String method, URI uri, String body) throws Exception {
    var b = HttpRequest.newBuilder(uri)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (uri.getPath().split("/")[1] + ":x").getBytes(StandardCharsets.UTF_8)))
        .header("Depth", "1")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", "application/xml");
    }
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
