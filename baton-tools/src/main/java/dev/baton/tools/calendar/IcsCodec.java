package dev.baton.tools.calendar;

import dev.baton.core.error.BatonException;
import dev.baton.core.tool.ToolFailure;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * Reading and writing iCalendar text. Parsing goes through ical4j (which also expands recurrence
 * rules); new events are rendered from a small template, so an existing file can take a new event
 * without being rewritten.
 */
public final class IcsCodec {
  private static final DateTimeFormatter UTC_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private IcsCodec() {}

  /**
   * Parses iCalendar text.
   *
   * @param source names the text in error messages (a file name or URL)
   * @throws BatonException TOOL_FAILED (permanent) naming the line when the text is malformed
   */
  public static Calendar parse(String text, String source) {
    try {
      // why: iCalendar lines end in CRLF and a folded line continues after CRLF + space; an XML
      // parser (a CalDAV answer) turns CRLF into LF, and ical4j then no longer unfolds, cutting
      // long values such as an attendee's address
      String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
      return new CalendarBuilder(new PlatformTimeZones()).build(new StringReader(crlf));
    } catch (ParserException e) {
      throw ToolFailure.permanent(source + " is not valid iCalendar (line " + e.getLineNo()
          + "): " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw ToolFailure.permanent(source + " is not valid iCalendar: " + e.getMessage(), e);
    }
  }

  /** Every occurrence of every VEVENT overlapping [from, to); floating times are read in zone. */
  public static List<CalendarEvent> occurrences(Calendar calendar, Instant from, Instant to,
      ZoneId zone) {
    List<CalendarEvent> out = new ArrayList<>();
    Period<ZonedDateTime> range = new Period<>(from.atZone(zone), to.atZone(zone));
    for (VEvent e : calendar.<VEvent>getComponents(VEvent.VEVENT)) {
      if (e.getProperty(Property.DTSTART).isEmpty()) {
        continue;
      }
      for (Period<Temporal> p : e.<Temporal>calculateRecurrenceSet(range)) {
        Instant start = instant(p.getStart(), zone);
        Instant end = instant(p.getEnd(), zone);
        if (start.isBefore(to) && end.isAfter(from)) {
          out.add(event(e, start, end));
        }
      }
    }
    out.sort(java.util.Comparator.comparing(CalendarEvent::start));
    return out;
  }

  /** The uids of all VEVENTs in the calendar. */
  public static List<String> uids(Calendar calendar) {
    List<String> uids = new ArrayList<>();
    for (VEvent e : calendar.<VEvent>getComponents(VEvent.VEVENT)) {
      text(e, Property.UID).ifPresent(uids::add);
    }
    return uids;
  }

  /** The first occurrence of the event with this uid, if any. */
  public static Optional<CalendarEvent> find(Calendar calendar, String uid, ZoneId zone) {
    for (VEvent e : calendar.<VEvent>getComponents(VEvent.VEVENT)) {
      if (text(e, Property.UID).filter(uid::equals).isPresent()
          && e.getStartDate().isPresent()) {
        Instant start = instant(e.<Temporal>getStartDate().get().getDate(), zone);
        Instant end = e.<Temporal>getEndDate(true).map(d -> instant(d.getDate(), zone))
            .orElse(start);
        return Optional.of(event(e, start, end));
      }
    }
    return Optional.empty();
  }

  private static CalendarEvent event(VEvent e, Instant start, Instant end) {
    List<String> attendees = new ArrayList<>();
    for (Property a : e.getProperties(Property.ATTENDEE)) {
      attendees.add(address(a.getValue()));
    }
    boolean busy = text(e, Property.TRANSP).map(t -> !t.equalsIgnoreCase("TRANSPARENT"))
        .orElse(true);
    return new CalendarEvent(text(e, Property.UID).orElse(""),
        text(e, Property.SUMMARY).orElse(""), start, end,
        text(e, Property.ORGANIZER).map(IcsCodec::address).orElse(""), attendees, busy,
        text(e, Property.DESCRIPTION).orElse(""));
  }

  private static Optional<String> text(VEvent e, String name) {
    return e.<Property>getProperty(name).map(Property::getValue);
  }

  static String address(String calAddress) {
    String a = calAddress.strip();
    if (a.regionMatches(true, 0, "mailto:", 0, 7)) {
      a = a.substring(7);
    }
    return a.toLowerCase(Locale.ROOT);
  }

  static Instant instant(Temporal t, ZoneId zone) {
    return switch (t) {
      case Instant i -> i;
      case ZonedDateTime z -> z.toInstant();
      case java.time.OffsetDateTime o -> o.toInstant();
      case LocalDateTime l -> l.atZone(zone).toInstant();
      case LocalDate d -> d.atStartOfDay(zone).toInstant();
      default -> Instant.from(t);
    };
  }

  /** A VEVENT block (CRLF lines, folded at 75 octets) for a new event, stamped at {@code now}. */
  public static String render(NewEvent e, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add("BEGIN:VEVENT");
    lines.add("UID:" + e.uid());
    lines.add("DTSTAMP:" + UTC_STAMP.format(now));
    lines.add("DTSTART:" + UTC_STAMP.format(e.start()));
    lines.add("DTEND:" + UTC_STAMP.format(e.end()));
    lines.add("SUMMARY:" + escape(e.title()));
    if (!e.description().isEmpty()) {
      lines.add("DESCRIPTION:" + escape(e.description()));
    }
    if (!e.link().isEmpty()) {
      lines.add("LOCATION:" + escape(e.link()));
      lines.add("URL:" + e.link());
    }
    if (e.organizer() != null && !e.organizer().isEmpty()) {
      lines.add("ORGANIZER:mailto:" + e.organizer());
    }
    for (NewEvent.Attendee a : e.attendees()) {
      String cn = a.name() == null || a.name().isBlank() ? ""
          : ";CN=\"" + a.name().replace("\"", "'") + "\"";
      lines.add("ATTENDEE" + cn + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:"
          + a.email());
    }
    lines.add("STATUS:CONFIRMED");
    lines.add("END:VEVENT");
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(fold(l)).append("\r\n"));
    return sb.toString();
  }

  /** A whole calendar holding the given VEVENT blocks. */
  public static String calendar(String... events) {
    StringBuilder sb = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        + "PRODID:-//Baton//Baton Agents//EN\r\nCALSCALE:GREGORIAN\r\n");
    for (String e : events) {
      sb.append(e);
    }
    return sb.append("END:VCALENDAR\r\n").toString();
  }

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n");
  }

  /** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
  static String fold(String line) {
    StringBuilder out = new StringBuilder();
    int octets = 0;
    int limit = 75;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > limit) {
        out.append("\r\n ");
        octets = 1;
        limit = 75;
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
