package dev.baton.tools.calendar;

import dev.baton.tools.dav.DavClient;
import dev.baton.tools.dav.Multistatus;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A calendar collection on a CalDAV server (RFC 4791), through plain HTTP and small XML templates.
 * The collection is created on first use if missing. Each new event is its own resource named after
 * its uid and written with {@code If-None-Match: *}, so the server itself refuses a second copy.
 * Recurrences are expanded here, not by the server (many servers, Radicale among them, cannot).
 */
public final class CalDavCalendarBackend implements CalendarBackend {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String ICS = "text/calendar; charset=utf-8";
  private static final String XML = "application/xml; charset=utf-8";

  private final DavClient client;
  private final URI collection;
  private final ZoneId zone;
  private final Clock clock;
  private volatile boolean ready;

  public CalDavCalendarBackend(DavClient client, URI collection, ZoneId zone, Clock clock) {
    this.client = client;
    String text = collection.toString();
    this.collection = URI.create(text.endsWith("/") ? text : text + "/");
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public List<CalendarEvent> occurrences(Instant from, Instant to) throws InterruptedException {
    ensureCollection();
    String query = """
        <?xml version="1.0" encoding="utf-8"?>
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
          <D:prop><D:getetag/><C:calendar-data/></D:prop>
          <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
            <C:time-range start="%s" end="%s"/>
          </C:comp-filter></C:comp-filter></C:filter>
        </C:calendar-query>
        """.formatted(UTC.format(from), UTC.format(to));
    var r = client.send("REPORT", collection, Map.of("Depth", "1", "Content-Type", XML), query,
        Set.of(207));
    List<CalendarEvent> out = new ArrayList<>();
    for (var entry : Multistatus.read(r.body(), Multistatus.CALDAV, "calendar-data")) {
      if (!entry.value().isBlank()) {
        out.addAll(IcsCodec.occurrences(IcsCodec.parse(entry.value(), entry.href()), from, to,
            zone));
      }
    }
    out.sort(java.util.Comparator.comparing(CalendarEvent::start));
    return out;
  }

  @Override
  public Optional<CalendarEvent> find(String uid) throws InterruptedException {
    ensureCollection();
    var r = client.send("GET", resource(uid), Map.of(), null, Set.of(200, 404));
    if (r.status() == 404) {
      return Optional.empty();
    }
    return IcsCodec.find(IcsCodec.parse(r.body(), resource(uid).getPath()), uid, zone);
  }

  @Override
  public boolean create(NewEvent event) throws InterruptedException {
    ensureCollection();
    String body = IcsCodec.calendar(IcsCodec.render(event, clock.instant()));
    var r = client.send("PUT", resource(event.uid()),
        Map.of("Content-Type", ICS, "If-None-Match", "*"), body, Set.of(201, 204, 412));
    return r.status() != 412;
  }

  /** The resource an event with this uid is stored at. */
  URI resource(String uid) {
    String name = uid.replaceAll("[^A-Za-z0-9._-]", "_") + ".ics";
    return collection.resolve(name);
  }

  private void ensureCollection() throws InterruptedException {
    if (ready) {
      return;
    }
    var r = client.send("PROPFIND", collection, Map.of("Depth", "0", "Content-Type", XML),
        """
        <?xml version="1.0" encoding="utf-8"?>
        <D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>
        """, Set.of(207, 404));
    if (r.status() == 404) {
      client.send("MKCALENDAR", collection, Map.of("Content-Type", XML), """
          <?xml version="1.0" encoding="utf-8"?>
          <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
            <D:set><D:prop><D:displayname>Baton</D:displayname></D:prop></D:set>
          </C:mkcalendar>
          """, Set.of(201));
    }
    ready = true;
  }
}
