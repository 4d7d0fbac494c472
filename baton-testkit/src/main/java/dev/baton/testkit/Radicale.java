package dev.baton.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A real Radicale CalDAV/CardDAV server for tests, on 127.0.0.1 at a free port with its storage in
 * a temp folder; no authentication (any user name is accepted), each user owns /user/.
 * Install with {@code apt-get install -y radicale} (scripts/install-test-deps.sh does).
 */
public final class Radicale implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path folder;

  private Radicale(Process process, int port, Path folder) {
    this.process = process;
    this.port = port;
    this.folder = folder;
  }

  public static Radicale start() throws IOException, InterruptedException {
    Path binary = Path.of("/usr/bin/radicale");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("Radicale is not installed: run scripts/install-test-deps.sh"
          + " (apt-get install -y radicale)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path folder = Files.createTempDirectory("radicale");
    Path config = folder.resolve("config");
    Files.writeString(config, """
        [server]
        hosts = 127.0.0.1:%d
        [auth]
        type = none
        [rights]
        type = owner_only
        [storage]
        filesystem_folder = %s
        [logging]
        level = warning
        """.formatted(port, folder.resolve("collections")));
    Process p = new ProcessBuilder(binary.toString(), "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(folder.resolve("radicale.log").toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(deadline)) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return new Radicale(p, port, folder);
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new IllegalStateException("Radicale exited: "
              + Files.readString(folder.resolve("radicale.log")));
        }
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("Radicale did not answer on port " + port);
  }

  /** A collection URL owned by {@code user}, e.g. {@code url("alice", "calendar")}. */
  public URI url(String user, String collection) {
    return URI.create("http://127.0.0.1:" + port + "/" + user + "/" + collection + "/");
  }

  public int port() {
    return port;
  }

  /**
   * Makes an empty calendar collection at {@code calendar} (a URL from {@link #url}), with a
   * request written by hand, independent of Baton's CalDAV client.
   */
  public static void makeCalendar(URI calendar) throws IOException, InterruptedException {
    HttpResponse<String> r = send("MKCALENDAR", calendar, null);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("MKCALENDAR answered " + r.statusCode() + ": " + r.body());
    }
  }

  /**
   * Every event's iCalendar text in the collection, unfolded (iCalendar folds long lines), read
   * with a calendar-query REPORT written by hand, independent of Baton's CalDAV client.
   */
  public static String calendarData(URI calendar) throws IOException, InterruptedException {
    String xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
          <D:prop><C:calendar-data/></D:prop>
          <C:filter><C:comp-filter name="VCALENDAR"/></C:filter>
        </C:calendar-query>
        """;
    HttpResponse<String> r = send("REPORT", calendar, xml);
    if (r.statusCode() != 207) {
      throw new IllegalStateException("REPORT answered " + r.statusCode() + ": " + r.body());
    }
    return r.body().replace("\r\n ", "").replace("\n ", "");
  }

  /** A request as the collection's owner (the first segment of the path). */
  private static HttpResponse<String> send(String method, URI uri, String body)
      throws IOException, InterruptedException {
    var b = HttpRequest.newBuilder(uri)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (uri.getPath().split("/")[1] + ":x").getBytes(StandardCharsets.UTF_8)))
        .header("Depth", "1")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", "application/xml");
    }
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .build()) {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (var walk = Files.walk(folder)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
