package dev.baton.tools.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.tools.DavFixtures;
import dev.baton.tools.RadicaleAccess;
import dev.baton.tools.dav.DavClient;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CalDavCalendarBackendTest extends CalendarToolsContract {
  static final AtomicInteger COLLECTIONS = new AtomicInteger();
  static RadicaleAccess radicale;

  @BeforeAll
  static void start() throws Exception {
    radicale = RadicaleAccess.start();
  }

  @AfterAll
  static void stop() throws Exception {
    radicale.close();
  }

  @Override
  CalendarBackend backend() throws Exception {
    URI url = radicale.url("bob", "cal-" + COLLECTIONS.incrementAndGet());
    DavFixtures.putCalendar(url, demoCalendar());
    return new CalDavCalendarBackend(new DavClient("CalDAV server", "bob", "x"), url, TZ, CLOCK);
  }

  @Test
  void createsTheCollectionOnFirstUse() throws Exception {
    URI url = radicale.url("bob", "fresh-" + COLLECTIONS.incrementAndGet());
    var backend = new CalDavCalendarBackend(new DavClient("CalDAV server", "bob", "x"), url, TZ,
        CLOCK);
    assertThat(backend.occurrences(Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z")))
        .isEmpty();
  }

  @Test
  void aServerThatIsDownIsRetryable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var backend = new CalDavCalendarBackend(new DavClient("CalDAV server", "bob", "x"),
        URI.create("http://127.0.0.1:" + port + "/bob/cal/"), TZ, CLOCK);
    assertThatThrownBy(() -> backend.occurrences(Instant.EPOCH, Instant.EPOCH.plusSeconds(60)))
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.code()).isEqualTo(ErrorCode.TOOL_UNAVAILABLE);
        })
        .hasMessageContaining("unreachable");
  }

  @Test
  void a500IsRetryableAndA4xxIsPermanent() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/fails/", x -> {
      x.sendResponseHeaders(500, -1);
      x.close();
    });
    server.createContext("/forbidden/", x -> {
      x.sendResponseHeaders(403, -1);
      x.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      var failing = new CalDavCalendarBackend(new DavClient("CalDAV server", "bob", "x"),
          URI.create(base + "/fails/"), TZ, CLOCK);
      assertThatThrownBy(() -> failing.find("x"))
          .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.retryable()).isTrue())
          .hasMessageContaining("500");
      var forbidden = new CalDavCalendarBackend(new DavClient("CalDAV server", "bob", "x"),
          URI.create(base + "/forbidden/"), TZ, CLOCK);
      assertThatThrownBy(() -> forbidden.find("x"))
          .isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.code()).isEqualTo(ErrorCode.TOOL_FAILED);
          })
          .hasMessageContaining("403");
    } finally {
      server.stop(0);
    }
  }
}
