package dev.baton.server;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.json.Json;
import dev.baton.core.port.ExecutionSummary;
import dev.baton.server.auth.Principal;
import dev.baton.server.stream.EventFeed;
import dev.baton.server.stream.SseWriter;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The live streams, Server-Sent Events read from the event log. On an execution's stream an
 * event's {@code id:} is its sequence number; on a tenant's stream, its global position. A client
 * that reconnects with {@code Last-Event-ID} (or {@code ?after=}) gets exactly what it missed:
 * what the store holds after that id, then what arrives. An execution's stream ends with an
 * {@code end} event once the execution has ended. Comment lines every heartbeat keep idle streams
 * open and find clients that left.
 */
final class Streams {
  private static final int BATCH = 500;
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final ServerContext context;

  Streams(ServerContext context) {
    this.context = context;
  }

  void execution(Context ctx, Principal p) throws IOException, InterruptedException {
    ExecutionId id = ApiRoutes.executionId(ctx.pathParam("id"));
    ExecutionSummary summary = context.app().store().summary(id)
        .filter(s -> p.tenant().equals(s.tenant()))
        .orElseThrow(() -> BatonException.of(ErrorCode.EXECUTION_NOT_FOUND,
            "no execution with id '" + ApiRoutes.shorten(id.value()) + "'"));
    long lastSeq = resumeFrom(ctx);
    EventFeed feed = context.events();
    Duration heartbeat = context.options().heartbeat();
    // why: noted before reading the store, so what commits in between is in the feed after it
    long position = feed.head();
    SseWriter out = SseWriter.start(ctx, RETRY);
    boolean ended = false;
    for (Event e : context.app().store().events(summary.id(), lastSeq)) {
      send(out, e);
      lastSeq = e.seq();
      ended |= ends(e);
    }
    ExecutionSummary now = context.app().store().summary(id).orElse(summary);
    ended |= now.status().terminal() && lastSeq >= now.lastSeq();
    while (!ended && !feed.closed()) {
      if (!feed.await(position, heartbeat)) {
        out.heartbeat();
        continue;
      }
      long head = feed.head();
      List<EventFeed.FeedEvent> batch = feed.after(position, p.tenant(), BATCH);
      if (batch.isEmpty()) {
        // why: only other tenants' events came; they are behind us now
        position = Math.max(position, head);
        continue;
      }
      for (EventFeed.FeedEvent fe : batch) {
        position = fe.position();
        Event e = fe.event();
        if (e.execution().equals(id) && e.seq() > lastSeq) {
          if (e.seq() > lastSeq + 1) {
            // why: the feed skipped none, but a cursor older than the feed reads the gap here
            for (Event missed : context.app().store().events(id, lastSeq)) {
              if (missed.seq() >= e.seq()) {
                break;
              }
              send(out, missed);
              lastSeq = missed.seq();
            }
          }
          out.event(Long.toString(e.seq()), type(e), fe.json());
          lastSeq = e.seq();
          ended |= ends(e);
        }
      }
    }
    if (ended) {
      out.event(null, "end", Json.write(Json.object().put("execution", id.value())
          .put("lastSeq", lastSeq)));
    }
  }

  void tenant(Context ctx, Principal p) throws IOException, InterruptedException {
    long position = resumeFrom(ctx);
    EventFeed feed = context.events();
    Duration heartbeat = context.options().heartbeat();
    SseWriter out = SseWriter.start(ctx, RETRY);
    while (!feed.closed()) {
      long head = feed.head();
      List<EventFeed.FeedEvent> batch = feed.after(position, p.tenant(), BATCH);
      if (batch.isEmpty()) {
        // why: what came was other tenants' only; move on without reading it again
        position = Math.max(position, head);
        if (!feed.await(position, heartbeat)) {
          out.heartbeat();
        }
        continue;
      }
      for (EventFeed.FeedEvent fe : batch) {
        out.event(Long.toString(fe.position()), type(fe.event()), fe.json());
        position = fe.position();
      }
    }
  }

  private static void send(SseWriter out, Event e) throws IOException {
    out.event(Long.toString(e.seq()), type(e), Json.write(Views.event(e)));
  }

  static String type(Event e) {
    return e.getClass().getSimpleName();
  }

  private static boolean ends(Event e) {
    return e instanceof Event.StatusChanged c && c.to().terminal();
  }

  /** {@code Last-Event-ID} (what a reconnecting EventSource sends), else {@code ?after=}, else 0. */
  private static long resumeFrom(Context ctx) {
    String last = ctx.header("Last-Event-ID");
    if (last == null || last.isBlank()) {
      return ApiRoutes.longParam(ctx, "after", 0);
    }
    try {
      long n = Long.parseLong(last.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw BatonException.invalid(ErrorCode.REQUEST_INVALID, "A header is invalid:",
          List.of(new Problem("header/Last-Event-ID", "must be a whole number, 0 or more")));
    }
  }
}
