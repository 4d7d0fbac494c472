package dev.baton.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Raw HTTP set-up of DAV collections for tests, independent of the clients under test. */
public final class DavFixtures {

  private DavFixtures() {}

  /** Creates an address book at {@code book} and stores each vCard of {@code vcf} in it. */
  public static void putContacts(URI book, String vcf) throws Exception {
    send("MKCOL", book, "application/xml", """
        <?xml version="1.0" encoding="utf-8"?>
        <D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">
          <D:set><D:prop><D:resourcetype><D:collection/><C:addressbook/></D:resourcetype>
          </D:prop></D:set>
        </D:mkcol>
        """, 201);
    int n = 0;
    for (String card : vcf.split("(?<=END:VCARD)\\s*")) {
      if (card.isBlank()) {
        continue;
      }
      send("PUT", book.resolve("card-" + n++ + ".vcf"), "text/vcard; charset=utf-8",
          card.strip() + "\r\n", 201);
    }
  }

  /** Creates a calendar at {@code calendar} and stores each VEVENT of {@code ics} in it. */
  public static void putCalendar(URI calendar, String ics) throws Exception {
    send("MKCALENDAR", calendar, "application/xml", null, 201);
    String head = ics.substring(0, ics.indexOf("BEGIN:VEVENT"));
    var m = java.util.regex.Pattern.compile("BEGIN:VEVENT.*?END:VEVENT\\r\\n",
        java.util.regex.Pattern.DOTALL).matcher(ics);
    int n = 0;
    while (m.find()) {
      send("PUT", calendar.resolve("event-" + n++ + ".ics"), "text/calendar; charset=utf-8",
          head + m.group() + "END:VCALENDAR\r\n", 201);
    }
  }

  static HttpResponse<String> send(String method, URI uri, String type, String body,
      int expected) throws Exception {
    var b = HttpRequest.newBuilder(uri)
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((uri.getPath().split("/")[1] + ":x").getBytes(StandardCharsets.UTF_8)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", type);
    }
    // why: a fresh client per request; Radicale closes connections a pool would reuse
    var r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(method + " " + uri + " answered " + r.statusCode() + ": "
          + r.body());
    }
    return r;
  }
}
