package dev.baton.tools.calendar;

import dev.baton.core.tool.ToolFailure;
import dev.baton.tools.workspace.StoredFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import net.fortuna.ical4j.model.Calendar;

/**
 * A calendar kept in one iCalendar file. A missing file is an empty calendar. New events are added
 * before the final {@code END:VCALENDAR} and the file is replaced atomically, so the rest of it stays
 * byte for byte and a crash never leaves it torn; a malformed file is reported, never rewritten.
 */
public final class IcsCalendarBackend implements CalendarBackend {
  private static final String END = "END:VCALENDAR";

  private final StoredFile file;
  private final ZoneId zone;
  private final Clock clock;
  private final ReentrantLock writing = new ReentrantLock();

  public IcsCalendarBackend(Path file, ZoneId zone, Clock clock) {
    this(StoredFile.at(file), zone, clock);
  }

  /** On a file that may be confined to a workspace ({@link dev.baton.tools.workspace.Workspace#file}). */
  public IcsCalendarBackend(StoredFile file, ZoneId zone, Clock clock) {
    this.file = file;
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public List<CalendarEvent> occurrences(Instant from, Instant to) {
    return IcsCodec.occurrences(load(), from, to, zone);
  }

  @Override
  public Optional<CalendarEvent> find(String uid) {
    return IcsCodec.find(load(), uid, zone);
  }

  @Override
  public boolean create(NewEvent event) {
    writing.lock();
    try {
      String text = read();
      Calendar calendar = IcsCodec.parse(text, file.name());
      if (IcsCodec.uids(calendar).contains(event.uid())) {
        return false;
      }
      String block = IcsCodec.render(event, clock.instant());
      String updated;
      int end = text.lastIndexOf(END);
      if (text.isBlank()) {
        updated = IcsCodec.calendar(block);
      } else if (end < 0) {
        throw ToolFailure.permanent(file.name() + " has no END:VCALENDAR line");
      } else {
        updated = text.substring(0, end) + block + text.substring(end);
      }
      // why: check the result parses before it replaces a good file
      IcsCodec.parse(updated, file.name());
      file.write(updated.getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (IOException e) {
      throw ToolFailure.retryable("cannot write calendar file " + file.name(), e);
    } finally {
      writing.unlock();
    }
  }

  private Calendar load() {
    String text = read();
    return text.isBlank() ? new Calendar() : IcsCodec.parse(text, file.name());
  }

  private String read() {
    try {
      return file.read().map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
    } catch (IOException e) {
      throw ToolFailure.permanent("cannot read calendar file " + file.name() + ": "
          + e.getMessage(), e);
    }
  }
}
