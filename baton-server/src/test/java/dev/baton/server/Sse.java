package dev.baton.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A small Server-Sent Events client over java.net.http, for tests. */
final class Sse {
  record Event(String id, String type, String data) {}

  private Sse() {}

  /**
   * Connects (with {@code Last-Event-ID} when not null) and reads events until {@code stop}
   * accepts one or the server ends the stream; then disconnects.
   */
  static List<Event> read(URI uri, String key, String lastEventId, Predicate<Event> stop)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
        .header("Authorization", "Bearer " + key);
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> r = TestServer.HTTP.send(b.build(),
        HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      String body = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
      throw new IllegalStateException("stream answered " + r.statusCode() + ": " + body);
    }
    List<Event> out = new ArrayList<>();
    try (InputStream in = r.body();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in,
            StandardCharsets.UTF_8))) {
      String id = null;
      String type = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            Event e = new Event(id, type, data.toString());
            out.add(e);
            if (stop.test(e)) {
              return out;
            }
          }
          id = null;
          type = null;
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ")) {
          if (!data.isEmpty()) {
            data.append('\n');
          }
          data.append(line.substring(6));
        }
      }
    }
    return out;
  }
}
