package dev.baton.tools.calendar;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;

/**
 * ical4j's time-zone registry for one calendar: a TZID the calendar defines (a VTIMEZONE) has the
 * calendar's rules, as in ical4j's own registry; any other TZID (most files name
 * {@code Asia/Jerusalem} and define nothing) has the Java platform's rules for that zone.
 *
 * <p>Why: ical4j's own registry reads such a zone from the iCalendar definitions bundled in its
 * jar (its copy of the same time-zone database), parsing hundreds of dates and throwing and
 * catching a DateTimeException for most of them: the first calendar read in a process paid about
 * 0.1 s for it, more than reading the calendar itself. The platform's rules are already loaded
 * and at least as recent as ical4j's copy.
 */
final class PlatformTimeZones implements TimeZoneRegistry {
  private final TimeZoneRegistry calendar = TimeZoneRegistryFactory.getInstance().createRegistry();
  private final Map<String, ZoneRules> rules = new Rules();

  @Override
  public void register(TimeZone timezone) {
    calendar.register(timezone);
  }

  @Override
  public void register(TimeZone timezone, boolean update) {
    calendar.register(timezone, update);
  }

  @Override
  public void clear() {
    calendar.clear();
  }

  @Override
  public TimeZone getTimeZone(String id) {
    return calendar.getTimeZone(id);
  }

  /** The calendar's zones, then the platform's; never empty, so ical4j asks {@link #getZoneId}. */
  @Override
  public Map<String, ZoneRules> getZoneRules() {
    return rules;
  }

  @Override
  public ZoneId getZoneId(String tzId) {
    if (!calendar.getZoneRules().isEmpty()) {
      try {
        return calendar.getZoneId(tzId);
      } catch (DateTimeException e) {
        // why: not one of the calendar's own zones
      }
    }
    // why: the aliases ical4j knows (old and Windows names) still apply; an unknown name throws
    // DateTimeException, and ical4j then resolves it as it would have without this registry
    return ZoneId.of(tzId, ZONE_ALIASES);
  }

  @Override
  public String getTzId(String zoneId) {
    return calendar.getTzId(zoneId);
  }

  /** A read-only view: the calendar's rules (by the ids ical4j gives them), then the platform's. */
  private final class Rules extends AbstractMap<String, ZoneRules> {
    @Override
    public boolean isEmpty() {
      return false;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String id
          && (calendar.getZoneRules().containsKey(id) || ZoneId.getAvailableZoneIds().contains(id));
    }

    @Override
    public ZoneRules get(Object key) {
      if (!(key instanceof String id)) {
        return null;
      }
      ZoneRules own = calendar.getZoneRules().get(id);
      if (own != null) {
        return own;
      }
      try {
        return ZoneId.getAvailableZoneIds().contains(id) ? ZoneId.of(id).getRules() : null;
      } catch (DateTimeException e) {
        return null;
      }
    }

    @Override
    public Set<Entry<String, ZoneRules>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, ZoneRules>> iterator() {
          Set<String> ids = new LinkedHashSet<>(calendar.getZoneRules().keySet());
          ids.addAll(ZoneId.getAvailableZoneIds());
          Iterator<String> it = ids.iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Entry<String, ZoneRules> next() {
              String id = it.next();
              return new SimpleImmutableEntry<>(id, get(id));
            }
          };
        }

        @Override
        public int size() {
          Set<String> ids = new LinkedHashSet<>(calendar.getZoneRules().keySet());
          ids.addAll(ZoneId.getAvailableZoneIds());
          return ids.size();
        }
      };
    }
  }
}
