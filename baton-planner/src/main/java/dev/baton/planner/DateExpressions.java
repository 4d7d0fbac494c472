package dev.baton.planner;

import dev.baton.core.plan.Title;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the days and the time of day a request speaks of, in Hebrew or English: months (בדצמבר,
 * December 2025), days (מחר, tomorrow, 15 בדצמבר, 26/1, 2026-01-26), weeks and months relative to
 * today (בשבוע הבא, last week, החודש), weekdays (next Sunday, ביום ראשון הבא) and times (מחר בעשר,
 * at 10:30, 3pm, בשעה 14). Weeks run Sunday to Saturday, as in Israel. Pure: today is given.
 */
final class DateExpressions {
  private static final Pattern NUMERIC = Pattern.compile("(\\d{1,2})[/.](\\d{1,2})(?:[/.](\\d{2,4}))?");
  private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?(am|pm)?");
  private static final Pattern DAY_NUMBER = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)?");
  private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");

  // why: declared before MONTHS, which is built from it
  private static final String[] HE_MONTHS = {"ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני",
      "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר"};
  private static final Map<String, Integer> MONTHS = months();
  private static final Map<String, Integer> HOUR_WORDS = folded(Map.ofEntries(
      Map.entry("אחת", 1), Map.entry("שתיים", 2), Map.entry("שתים", 2), Map.entry("שלוש", 3),
      Map.entry("ארבע", 4), Map.entry("חמש", 5), Map.entry("שש", 6), Map.entry("שבע", 7),
      Map.entry("שמונה", 8), Map.entry("תשע", 9), Map.entry("עשר", 10),
      Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("one", 1), Map.entry("two", 2),
      Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
      Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10)));
  private static final Map<String, DayOfWeek> EN_DAYS = englishDays();
  private static final Map<String, DayOfWeek> HE_DAYS = folded(Map.of("ראשון", DayOfWeek.SUNDAY,
      "שני", DayOfWeek.MONDAY, "שלישי", DayOfWeek.TUESDAY, "רביעי", DayOfWeek.WEDNESDAY,
      "חמישי", DayOfWeek.THURSDAY, "שישי", DayOfWeek.FRIDAY));
  private static final Set<String> NEXT = foldedSet("next", "coming", "הבא", "הבאה", "הקרוב",
      "הקרובה");
  private static final Set<String> LAST = foldedSet("last", "past", "previous", "שעבר", "שעברה",
      "הקודם", "הקודמת", "האחרון", "האחרונה");
  private static final Set<String> THIS = foldedSet("this", "the");

  private DateExpressions() {}

  /** What was found, in the order said, and which words it used. */
  record Found(List<TimeWindow> windows, Set<Integer> used) {}

  /**
   * Every date expression in the request, each with the time of day said nearest to it.
   *
   * @param preferFuture resolve a bare month or date forward (to schedule) rather than to the
   *     nearest or last one (to read what was done)
   */
  static Found find(RequestWords words, LocalDate today, boolean preferFuture) {
    Set<Integer> used = new HashSet<>();
    List<TimeWindow> windows = new java.util.ArrayList<>();
    List<Integer> windowAt = new java.util.ArrayList<>();
    List<LocalTime> times = new java.util.ArrayList<>();
    List<Integer> timeAt = new java.util.ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (used.contains(i)) {
        continue;
      }
      Match m = date(words, i, today, preferFuture);
      if (m != null) {
        windows.add(m.window);
        windowAt.add(i);
        mark(used, i, m.length);
        i += m.length - 1;
        continue;
      }
      TimeMatch t = time(words, i);
      if (t != null) {
        times.add(t.time);
        timeAt.add(i);
        mark(used, i, t.length);
        i += t.length - 1;
      }
    }
    for (int t = 0; t < times.size(); t++) {
      if (windows.isEmpty()) {
        // why: "at 10" alone means today at 10
        windows.add(TimeWindow.day(today, new Title("היום", "today")));
        windowAt.add(timeAt.get(t));
      }
      int nearest = 0;
      for (int k = 1; k < windows.size(); k++) {
        if (Math.abs(windowAt.get(k) - timeAt.get(t))
            < Math.abs(windowAt.get(nearest) - timeAt.get(t))) {
          nearest = k;
        }
      }
      windows.set(nearest, windows.get(nearest).at(times.get(t)));
    }
    return new Found(windows, used);
  }

  private record Match(TimeWindow window, int length) {}

  private record TimeMatch(LocalTime time, int length) {}

  private static Match date(RequestWords w, int i, LocalDate today, boolean future) {
    Match m = dayAndMonth(w, i, today, future);
    if (m == null) {
      m = month(w, i, today, future);
    }
    if (m == null) {
      m = relativeDay(w, i, today);
    }
    if (m == null) {
      m = relativeSpan(w, i, today);
    }
    if (m == null) {
      m = weekday(w, i, today, future);
    }
    if (m == null) {
      m = numeric(w, i, today, future);
    }
    return m;
  }

  private static Match dayAndMonth(RequestWords w, int i, LocalDate today, boolean future) {
    if (i + 1 >= w.size()) {
      return null;
    }
    Integer day = dayNumber(w.get(i));
    Integer month = monthOf(w.get(i + 1));
    int length = 2;
    if (day == null || month == null) {
      month = monthOf(w.get(i));
      day = dayNumber(w.get(i + 1));
    }
    if (day == null || month == null || day > YearMonth.of(2000, month).lengthOfMonth()) {
      return null;
    }
    Integer year = i + 2 < w.size() ? year(w.get(i + 2)) : null;
    if (year != null) {
      length = 3;
    }
    LocalDate date = year != null ? LocalDate.of(year, month, day)
        : pickYear(today, month, day, future);
    return new Match(TimeWindow.day(date, isoLabel(date)), length);
  }

  private static Match month(RequestWords w, int i, LocalDate today, boolean future) {
    Integer month = monthOf(w.get(i));
    if (month == null) {
      return null;
    }
    Integer year = i + 1 < w.size() ? year(w.get(i + 1)) : null;
    YearMonth ym;
    if (year != null) {
      ym = YearMonth.of(year, month);
    } else {
      YearMonth now = YearMonth.from(today);
      ym = YearMonth.of(today.getYear(), month);
      if (!future && ym.isAfter(now)) {
        ym = ym.minusYears(1);
      } else if (future && ym.isBefore(now)) {
        ym = ym.plusYears(1);
      }
    }
    Title label = new Title(HE_MONTHS[month - 1],
        ym.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
    return new Match(new TimeWindow(ym.atDay(1), ym.atEndOfMonth(), null, label),
        year != null ? 2 : 1);
  }

  private static Match relativeDay(RequestWords w, int i, LocalDate today) {
    RequestWords.Word word = w.get(i);
    if (word.is("today") || word.is(RequestWords.fold("היום"))) {
      return new Match(TimeWindow.day(today, new Title("היום", "today")), 1);
    }
    if (word.is("tomorrow") || word.is("מחר")) {
      return new Match(TimeWindow.day(today.plusDays(1), new Title("מחר", "tomorrow")), 1);
    }
    if (word.is("yesterday") || word.is("אתמול")) {
      return new Match(TimeWindow.day(today.minusDays(1), new Title("אתמול", "yesterday")), 1);
    }
    if ((word.is("in") || word.is(RequestWords.fold("בעוד"))) && i + 1 < w.size()) {
      RequestWords.Word n = w.get(i + 1);
      int days = n.is(RequestWords.fold("יומיים")) ? 2 : 0;
      int length = 2;
      if (days == 0 && i + 2 < w.size() && (w.get(i + 2).is("days")
          || w.get(i + 2).is(RequestWords.fold("ימים")))) {
        days = switch (n.folded()) {
          case "two", "2", "שני", "שניים" -> 2;
          case "three", "3", "שלושה" -> 3;
          case "four", "4", "ארבעה" -> 4;
          case "five", "5", "חמישה" -> 5;
          default -> 0;
        };
        length = 3;
      }
      if (days > 0) {
        LocalDate d = today.plusDays(days);
        return new Match(TimeWindow.day(d, new Title("בעוד " + days + " ימים",
            "in " + days + " days")), length);
      }
    }
    if (word.is(RequestWords.fold("מחרתיים"))) {
      return new Match(TimeWindow.day(today.plusDays(2), new Title("מחרתיים",
          "the day after tomorrow")), 1);
    }
    return null;
  }

  /** This/next/last week or month, in either language and word order. */
  private static Match relativeSpan(RequestWords w, int i, LocalDate today) {
    RequestWords.Word word = w.get(i);
    boolean week = word.is("week") || word.is("שבוע");
    boolean month = word.is("month") || word.is(RequestWords.fold("חודש"));
    int length = 1;
    int shift;
    if (week || month) {
      String next = i + 1 < w.size() ? w.get(i + 1).folded() : "";
      if (NEXT.contains(next)) {
        shift = 1;
        length = 2;
      } else if (LAST.contains(next)) {
        shift = -1;
        length = 2;
      } else if (word.raw().startsWith("ה")) {
        shift = 0;
      } else {
        return null;
      }
    } else if (i + 1 < w.size() && (w.get(i + 1).is("week") || w.get(i + 1).is("month"))) {
      String before = word.folded();
      week = w.get(i + 1).is("week");
      month = !week;
      length = 2;
      if (NEXT.contains(before)) {
        shift = 1;
      } else if (LAST.contains(before)) {
        shift = -1;
      } else if (THIS.contains(before)) {
        shift = 0;
      } else {
        return null;
      }
    } else {
      return null;
    }
    if (week) {
      LocalDate sunday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY))
          .plusWeeks(shift);
      Title label = switch (shift) {
        case 1 -> new Title("השבוע הבא", "next week");
        case -1 -> new Title("השבוע שעבר", "last week");
        default -> new Title("השבוע", "this week");
      };
      return new Match(new TimeWindow(sunday, sunday.plusDays(6), null, label), length);
    }
    YearMonth ym = YearMonth.from(today).plusMonths(shift);
    Title label = new Title(HE_MONTHS[ym.getMonthValue() - 1],
        ym.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
    return new Match(new TimeWindow(ym.atDay(1), ym.atEndOfMonth(), null, label), length);
  }

  private static Match weekday(RequestWords w, int i, LocalDate today, boolean future) {
    DayOfWeek day = null;
    int length = 1;
    int direction = future ? 1 : -1;
    RequestWords.Word word = w.get(i);
    String before = i > 0 ? w.get(i - 1).folded() : "";
    String lead = word.folded();
    if ((NEXT.contains(lead) || LAST.contains(lead) || THIS.contains(lead) || lead.equals("on"))
        && i + 1 < w.size() && EN_DAYS.containsKey(w.get(i + 1).folded())) {
      // why: "next Sunday" starts at "next"; take both words so neither is left over
      before = lead;
      word = w.get(i + 1);
      length = 2;
    }
    for (String f : word.forms()) {
      if (EN_DAYS.containsKey(f)) {
        day = EN_DAYS.get(f);
        if (NEXT.contains(before)) {
          direction = 1;
        } else if (LAST.contains(before)) {
          direction = -1;
        }
        break;
      }
    }
    if (day == null && word.is("שבת")) {
      day = DayOfWeek.SATURDAY;
    }
    if (day == null && length == 1 && word.is(RequestWords.fold("יום")) && i + 1 < w.size()) {
      day = HE_DAYS.get(w.get(i + 1).folded());
      length = 2;
    }
    if (day == null) {
      return null;
    }
    String after = i + length < w.size() ? w.get(i + length).folded() : "";
    if (NEXT.contains(after)) {
      direction = 1;
      length++;
    } else if (LAST.contains(after)) {
      direction = -1;
      length++;
    }
    LocalDate date = direction > 0 ? today.with(TemporalAdjusters.next(day))
        : today.with(TemporalAdjusters.previous(day));
    return new Match(TimeWindow.day(date, isoLabel(date)), length);
  }

  private static Match numeric(RequestWords w, int i, LocalDate today, boolean future) {
    for (String f : w.get(i).forms()) {
      Matcher iso = ISO.matcher(f);
      if (iso.matches()) {
        LocalDate d = safeDate(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
            Integer.parseInt(iso.group(3)));
        return d == null ? null : new Match(TimeWindow.day(d, isoLabel(d)), 1);
      }
      Matcher m = NUMERIC.matcher(f);
      if (m.matches()) {
        int day = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12 || day < 1 || day > YearMonth.of(2000, month).lengthOfMonth()) {
          return null;
        }
        LocalDate d;
        if (m.group(3) != null) {
          int year = Integer.parseInt(m.group(3));
          d = safeDate(year < 100 ? 2000 + year : year, month, day);
        } else {
          d = pickYear(today, month, day, future);
        }
        return d == null ? null : new Match(TimeWindow.day(d, isoLabel(d)), 1);
      }
    }
    return null;
  }

  private static TimeMatch time(RequestWords w, int i) {
    RequestWords.Word word = w.get(i);
    int length = 1;
    boolean cued = false;
    if ((word.is("at") || word.is(RequestWords.fold("בשעה")) || word.is("@"))
        && i + 1 < w.size()) {
      word = w.get(i + 1);
      length = 2;
      cued = true;
    }
    if (word.is("noon") || word.is(RequestWords.fold("בצהריים"))) {
      return new TimeMatch(LocalTime.NOON, length);
    }
    Integer hour = null;
    int minute = 0;
    boolean meridiem = false;
    for (String f : word.forms()) {
      Matcher m = CLOCK.matcher(f);
      boolean hebrewAt = !f.equals(word.folded()) && word.raw().startsWith("ב");
      if (m.matches() && (cued || hebrewAt || m.group(2) != null || m.group(3) != null)) {
        hour = Integer.parseInt(m.group(1));
        minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (m.group(3) != null) {
          meridiem = true;
          hour = hour % 12 + ("pm".equals(m.group(3)) ? 12 : 0);
        }
        break;
      }
      if (HOUR_WORDS.containsKey(f) && (cued || hebrewAt)) {
        hour = HOUR_WORDS.get(f);
        break;
      }
    }
    if (hour == null || hour > 23 || minute > 59) {
      return null;
    }
    int next = i + length;
    if (next < w.size()) {
      String after = w.get(next).folded();
      if (after.equals("am") || after.equals("pm")) {
        meridiem = true;
        hour = hour % 12 + (after.equals("pm") ? 12 : 0);
        length++;
      } else if (after.equals(RequestWords.fold("וחצי"))) {
        minute = 30;
        length++;
      } else if (after.equals(RequestWords.fold("ורבע"))) {
        minute = 15;
        length++;
      }
    }
    if (!meridiem && hour >= 1 && hour <= 7) {
      // why: nobody books a meeting at three in the morning; "בשלוש" and "at 3" mean 15:00
      hour += 12;
    }
    return new TimeMatch(LocalTime.of(hour, minute), length);
  }

  private static Integer dayNumber(RequestWords.Word word) {
    for (String f : word.forms()) {
      Matcher m = DAY_NUMBER.matcher(f);
      if (m.matches()) {
        int d = Integer.parseInt(m.group(1));
        return d >= 1 && d <= 31 ? d : null;
      }
    }
    return null;
  }

  private static Integer monthOf(RequestWords.Word word) {
    for (String f : word.forms()) {
      Integer m = MONTHS.get(f);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  private static Integer year(RequestWords.Word word) {
    return YEAR.matcher(word.folded()).matches() ? Integer.valueOf(word.folded()) : null;
  }

  /** The year that puts month/day nearest to today, or the first not before it when scheduling. */
  private static LocalDate pickYear(LocalDate today, int month, int day, boolean future) {
    LocalDate best = null;
    for (int y = today.getYear() - 1; y <= today.getYear() + 1; y++) {
      LocalDate d = safeDate(y, month, day);
      if (d == null || (future && d.isBefore(today))) {
        continue;
      }
      if (best == null || Math.abs(d.toEpochDay() - today.toEpochDay())
          < Math.abs(best.toEpochDay() - today.toEpochDay())) {
        best = d;
      }
    }
    return best;
  }

  private static LocalDate safeDate(int year, int month, int day) {
    try {
      return LocalDate.of(year, month, day);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static Title isoLabel(LocalDate d) {
    return new Title(d.toString(), d.toString());
  }

  private static void mark(Set<Integer> used, int from, int length) {
    for (int k = from; k < from + length; k++) {
      used.add(k);
    }
  }

  private static Map<String, Integer> months() {
    Map<String, Integer> m = new java.util.HashMap<>();
    for (int i = 0; i < 12; i++) {
      m.put(RequestWords.fold(HE_MONTHS[i]), i + 1);
      String en = java.time.Month.of(i + 1).getDisplayName(TextStyle.FULL, Locale.ENGLISH)
          .toLowerCase(Locale.ROOT);
      m.put(en, i + 1);
      if (i != 4) {
        // why: "may" is far more often the verb than the month
        m.put(en.substring(0, 3), i + 1);
      }
    }
    m.remove("may");
    m.put("sept", 9);
    m.put(RequestWords.fold("מרס"), 3);
    return Map.copyOf(m);
  }

  private static Map<String, DayOfWeek> englishDays() {
    Map<String, DayOfWeek> m = new java.util.HashMap<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      m.put(d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), d);
    }
    return Map.copyOf(m);
  }

  private static <V> Map<String, V> folded(Map<String, V> raw) {
    Map<String, V> m = new java.util.HashMap<>();
    raw.forEach((k, v) -> m.put(RequestWords.fold(k), v));
    return Map.copyOf(m);
  }

  private static Set<String> foldedSet(String... raw) {
    return Set.copyOf(List.of(raw).stream().map(RequestWords::fold).toList());
  }
}
