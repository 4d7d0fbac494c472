package dev.baton.tools;

import dev.baton.tools.calendar.WorkingHours;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What the built-in agents need to run: the workspace folder, the time zone and working hours for
 * scheduling, the calendar owner's address, and which back end serves calendar and contacts.
 * {@link #embedded(Path)} gives the no-set-up defaults (files inside the workspace).
 *
 * @param owner the e-mail address of the person the agents act for; always an attendee
 * @param reserved folders tools must never read or write even inside the workspace (Baton's data
 *     folder: database, configuration, keys)
 */
public record AgentsConfig(Path workspace, ZoneId zone, WorkingHours workingHours, String owner,
    Calendar calendar, Contacts contacts, Clock clock, java.util.List<Path> reserved) {

  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Jerusalem");
  public static final String DEFAULT_OWNER = "me@baton.local";
  public static final String ICS_FILE = "calendar.ics";
  public static final String VCF_FILE = "contacts.vcf";

  public AgentsConfig {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(workingHours, "workingHours");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(contacts, "contacts");
    Objects.requireNonNull(clock, "clock");
    reserved = reserved == null ? java.util.List.of() : java.util.List.copyOf(reserved);
  }

  public AgentsConfig(Path workspace, ZoneId zone, WorkingHours workingHours, String owner,
      Calendar calendar, Contacts contacts, Clock clock) {
    this(workspace, zone, workingHours, owner, calendar, contacts, clock, java.util.List.of());
  }

  /** With folders that tools must never reach (Baton's data folder). */
  public AgentsConfig withReserved(java.util.List<Path> value) {
    return new AgentsConfig(workspace, zone, workingHours, owner, calendar, contacts, clock, value);
  }

  /** Workspace folder, calendar.ics and contacts.vcf inside it, Asia/Jerusalem, Sun–Thu 9–18. */
  public static AgentsConfig embedded(Path workspace) {
    return new AgentsConfig(workspace, DEFAULT_ZONE, WorkingHours.ISRAEL, DEFAULT_OWNER,
        Calendar.ics(workspace.resolve(ICS_FILE)), Contacts.vcf(workspace.resolve(VCF_FILE)),
        Clock.systemUTC());
  }

  public AgentsConfig withCalendar(Calendar value) {
    return new AgentsConfig(workspace, zone, workingHours, owner, value, contacts, clock, reserved);
  }

  public AgentsConfig withContacts(Contacts value) {
    return new AgentsConfig(workspace, zone, workingHours, owner, calendar, value, clock, reserved);
  }

  public AgentsConfig withClock(Clock value) {
    return new AgentsConfig(workspace, zone, workingHours, owner, calendar, contacts, value, reserved);
  }

  public AgentsConfig withZone(ZoneId value) {
    return new AgentsConfig(workspace, value, workingHours, owner, calendar, contacts, clock,
        reserved);
  }

  public AgentsConfig withWorkingHours(WorkingHours value) {
    return new AgentsConfig(workspace, zone, value, owner, calendar, contacts, clock,
        reserved);
  }

  /** Which calendar back end: an .ics file, or a CalDAV calendar collection. */
  public enum CalendarBackendKind { ICS, CALDAV }

  /** Which contacts back end: a .vcf file, or a CardDAV address book collection. */
  public enum ContactsBackendKind { VCF, CARDDAV }

  /** A DAV collection and the account to reach it; {@code user} may be empty for no auth. */
  public record Dav(URI url, String user, String password) {
    public Dav {
      Objects.requireNonNull(url, "url");
      user = user == null ? "" : user;
      password = password == null ? "" : password;
    }

    @Override
    public String toString() {
      return "Dav[url=" + url + ", user=" + user + "]";
    }
  }

  /** The calendar back end; {@code file} is used for ICS, {@code dav} for CALDAV. */
  public record Calendar(CalendarBackendKind kind, Path file, Dav dav) {
    public Calendar {
      Objects.requireNonNull(kind, "kind");
      if (kind == CalendarBackendKind.ICS) {
        Objects.requireNonNull(file, "calendar.file");
      } else {
        Objects.requireNonNull(dav, "calendar.dav");
      }
    }

    public static Calendar ics(Path file) {
      return new Calendar(CalendarBackendKind.ICS, file, null);
    }

    public static Calendar calDav(Dav dav) {
      return new Calendar(CalendarBackendKind.CALDAV, null, dav);
    }
  }

  /** The contacts back end; {@code file} is used for VCF, {@code dav} for CARDDAV. */
  public record Contacts(ContactsBackendKind kind, Path file, Dav dav) {
    public Contacts {
      Objects.requireNonNull(kind, "kind");
      if (kind == ContactsBackendKind.VCF) {
        Objects.requireNonNull(file, "contacts.file");
      } else {
        Objects.requireNonNull(dav, "contacts.dav");
      }
    }

    public static Contacts vcf(Path file) {
      return new Contacts(ContactsBackendKind.VCF, file, null);
    }

    public static Contacts cardDav(Dav dav) {
      return new Contacts(ContactsBackendKind.CARDDAV, null, dav);
    }
  }
}
