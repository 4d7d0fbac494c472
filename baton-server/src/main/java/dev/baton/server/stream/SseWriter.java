package dev.baton.server.stream;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One Server-Sent Events response, written on the request's own (virtual) thread: a client that
 * reads slowly blocks only its own writes. Any write failing means the client has gone.
 */
public final class SseWriter {
  private final OutputStream out;

  /** Starts the response: status 200, {@code text/event-stream}, nothing cached or buffered. */
  public static SseWriter start(Context ctx, java.time.Duration retry) throws IOException {
    var res = ctx.res();
    res.setStatus(200);
    res.setContentType("text/event-stream");
    res.setCharacterEncoding("UTF-8");
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("X-Accel-Buffering", "no");
    SseWriter w = new SseWriter(res.getOutputStream());
    w.write("retry: " + retry.toMillis() + "\n\n");
    return w;
  }

  private SseWriter(OutputStream out) {
    this.out = out;
  }

  /** Sends one event ({@code data} on one line: JSON) and flushes it. */
  public void event(String id, String event, String data) throws IOException {
    StringBuilder b = new StringBuilder(data.length() + 64);
    if (id != null) {
      b.append("id: ").append(id).append('\n');
    }
    if (event != null) {
      b.append("event: ").append(event).append('\n');
    }
    for (String line : data.split("\n", -1)) {
      b.append("data: ").append(line).append('\n');
    }
    b.append('\n');
    write(b.toString());
  }

  /** A comment line: keeps the connection (and proxies) alive, and finds a client that left. */
  public void heartbeat() throws IOException {
    write(": keep-alive\n\n");
  }

  private void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
