package dev.baton.planner;

import dev.baton.core.plan.Title;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words the planner writes: step titles in both languages, reasons, meeting and document titles
 * and section headings in the request's language. Pure.
 */
final class Wording {
  private final Understanding u;
  private final boolean hebrew;

  Wording(Understanding u) {
    this.u = u;
    this.hebrew = Languages.HEBREW.equals(u.language());
  }

  String pick(String he, String en) {
    return hebrew ? he : en;
  }

  // --- names of things, per language

  private String project(String language) {
    return u.project().map(p -> p.in(language)).orElse("");
  }

  private String period(String language) {
    return u.documents().map(w -> w.label().in(language)).orElse("");
  }

  private String people(String language) {
    return u.people().stream().map(p -> Languages.HEBREW.equals(language)
        || !RequestWords.hebrew(p.shown()) ? p.shown() : p.said())
        .collect(Collectors.joining(Languages.HEBREW.equals(language) ? " ו" : " and "));
  }

  private static String with(String glue, String value) {
    return value.isEmpty() ? "" : glue + value;
  }

  /** "מ" before a Hebrew word, "מ-" before a number, as Hebrew writes "from". */
  private static String heFrom(String value) {
    return value.isEmpty() ? "" : (Character.isDigit(value.charAt(0)) ? " מ-" : " מ") + value;
  }

  // --- step titles

  Title searchTitle() {
    return new Title("חיפוש המסמכים" + heFrom(period("he")) + with(" על ", project("he"))
        + with(" בנושא ", String.join(" ", u.topics())),
        "Find the" + with(" ", period("en")) + " documents" + with(" about ", project("en"))
        + with(" on ", String.join(" ", u.topics())));
  }

  Title readTitle() {
    return new Title("קריאת המסמך שנמצא", "Read the document found");
  }

  Title listTitle(String folder) {
    return new Title("רשימת הקבצים" + with(" ב", project("he")) + (folder.isEmpty()
        && u.project().isEmpty() ? " בתיקיית העבודה" : ""),
        "List the files" + with(" in ", project("en")));
  }

  Title summaryTitle() {
    return new Title("סיכום מה עשינו" + with(" ב", period("he")) + with(" ב", project("he")),
        "Summarise what we did" + with(" in ", period("en")) + with(" on ", project("en")));
  }

  Title contactTitle(Person p) {
    String en = RequestWords.hebrew(p.shown()) ? p.said() : p.shown();
    return new Title("איתור " + p.said() + " באנשי הקשר", "Find " + en + " in the contacts");
  }

  Title freeBusyTitle(TimeWindow w) {
    return new Title("בדיקת הזמנים התפוסים" + with(" של ", people("he")) + " " + w.label().he(),
        "Check when" + with(" ", people("en")) + (u.people().isEmpty() ? " I am" : " are")
        + " busy " + w.label().en());
  }

  Title slotTitle() {
    return new Title("מציאת זמן פנוי" + with(" עם ", people("he")),
        "Find a free slot" + with(" with ", people("en")));
  }

  Title conflictsTitle(String start) {
    return new Title("בדיקת התנגשויות ב-" + start, "Check for conflicts at " + start);
  }

  Title meetingStepTitle() {
    return new Title("קביעת פגישה" + with(" עם ", people("he")),
        "Schedule a meeting" + with(" with ", people("en")));
  }

  Title documentStepTitle() {
    return u.agenda() ? new Title("כתיבת אג'נדה לפגישה", "Write the meeting agenda")
        : new Title("כתיבת מסמך הסיכום", "Write the summary document");
  }

  // --- what the steps write

  /** The meeting's (and agenda's) title in a language. */
  String meetingTitle(String language, boolean reviewed) {
    boolean he = Languages.HEBREW.equals(language);
    String project = project(language);
    String period = period(language);
    if (reviewed && (!project.isEmpty() || !period.isEmpty())) {
      return he ? ((period.isEmpty() ? "סקירה" : "סקירת " + period) + with(" – ", project))
          : (project + " " + period + " review").strip().replaceAll(" +", " ");
    }
    String who = people(language);
    return he ? "פגישה" + with(" עם ", who) + with(" – ", project)
        : "Meeting" + with(" with ", who) + with(" – ", project);
  }

  String summaryDocumentTitle(String language) {
    boolean he = Languages.HEBREW.equals(language);
    String project = project(language);
    String period = period(language);
    return he ? ("סיכום " + period + with(" – ", project)).strip()
        : (project + " " + period + " summary").strip().replaceAll(" +", " ");
  }

  List<String> meetingAgenda(boolean reviewed) {
    String period = period(u.language());
    return reviewed
        ? List.of(pick("סקירת " + (period.isEmpty() ? "הממצאים" : period),
            (period.isEmpty() ? "Review of the findings" : period + " review")),
            pick("החלטות ומשימות פתוחות", "Decisions and open items"),
            pick("צעדים הבאים", "Next steps"))
        : List.of(pick("עדכונים", "Updates"), pick("צעדים הבאים", "Next steps"));
  }

  String focus() {
    return pick("החלטות, משימות פתוחות ומה נעשה", "decisions, open items and what was done")
        + with(pick(" ב", " on "), project(u.language()));
  }

  /** A file name from the English title: lower-case words joined by '-' (see {@link FileNames}). */
  String slug(String englishTitle, String fallback) {
    return FileNames.slug(englishTitle, fallback);
  }

  // --- reasons

  String searchReason(String query) {
    String where = u.project().map(p -> pick(" (התיקייה " + p.folder() + ")",
        " (folder " + p.folder() + ")")).orElse("");
    String when = u.documents().map(w -> pick(" מ-" + w.from() + " עד " + w.to(),
        " from " + w.from() + " to " + w.to())).orElse("");
    return pick("צריך קודם את המסמכים: מחפש „" + query + "”" + where + when + ".",
        "The documents come first: searching for \"" + query + "\"" + where + when + ".");
  }

  String readReason() {
    return pick("ביקשת לקרוא מסמך אחד: קורא את המסמך הראשון שהחיפוש מצא.",
        "You asked to read one document: reading the best match of the search.");
  }

  String listReason(String folder) {
    return pick("ביקשת לראות את הקבצים" + with(" בתיקייה ", folder) + ".",
        "You asked for the files" + with(" in the folder ", folder) + ".");
  }

  String summaryReason() {
    return pick("ביקשת לדעת מה נעשה: מסכם את המסמכים שנמצאו – החלטות ומשימות פתוחות.",
        "You asked what was done: summarising the documents found, with decisions and open"
            + " items.");
  }

  String contactReason(Person p, String need) {
    return pick("„" + p.said() + "” הוא " + p.evidence() + "; " + need + ".",
        "\"" + p.said() + "\" is " + p.evidence() + "; " + need + ".");
  }

  // --- clarifying questions

  String chooseQuestion(Person p) {
    return u.has(Intent.SCHEDULE) || u.has(Intent.FIND_SLOT) || u.has(Intent.FREE_BUSY)
        || u.has(Intent.CHECK_CONFLICTS)
        ? pick("לאיזה " + p.said() + " התכוונת? (לפגישה)", "Which " + p.said()
            + " do you mean? (for the meeting)")
        : pick("לאיזה " + p.said() + " התכוונת?", "Which " + p.said() + " do you mean?");
  }

  Title chooseTitle(Person p) {
    return new Title("שאלה: לאיזה " + p.said() + " התכוונת", "Ask which " + p.said()
        + " is meant");
  }

  String chooseReason(Person p) {
    String options = p.matches().stream().map(c -> c.described()
        + (c.reason().isBlank() ? "" : " – " + c.reason()))
        .collect(Collectors.joining("; "));
    return pick("„" + p.said() + "” יכול להיות כמה אנשים, וההקשר לא מכריע: " + options
        + ". שואל אותך; התשובה תיזכר לבקשות דומות.",
        "\"" + p.said() + "\" may be several people and the context does not decide: " + options
            + ". Asking you; the answer is remembered for similar requests.");
  }

  String fillQuestion(Person p) {
    return pick("מה כתובת המייל של " + p.said() + "?", "What is " + p.said()
        + "'s e-mail address?");
  }

  Title fillTitle(Person p) {
    return new Title("שאלה: המייל של " + p.said(), "Ask for " + p.said() + "'s e-mail address");
  }

  String fillReason(Person p) {
    return pick("„" + p.said() + "” לא נמצא באנשי הקשר ואין שם דומה: שואל את הכתובת במקום לוותר.",
        "\"" + p.said() + "\" is not in the contacts, nor anyone with a similar name: asking for the"
            + " address instead of giving up.");
  }

  String subjectQuestion() {
    return pick("על מה המסמך? (פרויקט, נושא או תקופה)",
        "What should the document be about? (a project, a subject or a period)");
  }

  Title subjectTitle() {
    return new Title("שאלה: על מה המסמך", "Ask what the document is about");
  }

  String subjectReason() {
    return pick("ביקשת מסמך בלי לומר על מה: שואל, ואז מחפש ומסכם לפי התשובה.",
        "You asked for a document without saying what about: asking, then searching and"
            + " summarising by the answer.");
  }

  String needAddress() {
    return pick("צריך את כתובת המייל שלו/ה", "the e-mail address is needed");
  }

  String askedForContact() {
    return pick("ביקשת את פרטי הקשר", "you asked for the contact details");
  }

  String freeBusyReason(TimeWindow w) {
    return pick("ביקשת לדעת מתי יש זמן: הזמנים התפוסים מ-" + w.from() + " עד " + w.to() + ".",
        "You asked when there is time: busy times from " + w.from() + " to " + w.to() + ".");
  }

  String slotReason(TimeWindow w) {
    return pick("אין שעה מדויקת: מחפש את הזמן הראשון שכולם פנויים בו בין " + w.from() + " ל-"
        + w.to() + ", " + u.minutes() + " דקות.",
        "No exact hour was given: finding the first time everyone is free between " + w.from()
            + " and " + w.to() + ", " + u.minutes() + " minutes.");
  }

  String conflictsReason(String start) {
    return pick("בודק אם " + start + " מתנגש עם משהו ביומנים.",
        "Checking whether " + start + " clashes with anything in the calendars.");
  }

  String meetingReason(String when) {
    return pick("ביקשת לקבוע פגישה (" + u.minutes() + " דקות, " + when
        + "); זה משנה את היומן ולכן יחכה לאישורך.",
        "You asked for a meeting (" + u.minutes() + " minutes, " + when
            + "); it changes the calendar, so it waits for your approval.");
  }

  String whenFirstFree() {
    return pick("בזמן הפנוי הראשון", "at the first free time");
  }

  String whenFound() {
    return pick("בזמן הפנוי שיימצא", "at the free slot found");
  }

  String documentReason(String path) {
    return u.agenda()
        ? pick("פגישה על מה שנקרא צריכה אג'נדה: כותב את " + path
            + " מהסיכום ומפרטי הפגישה; כתיבת קובץ מחכה לאישורך.",
            "A meeting about what was read needs an agenda: writing " + path
                + " from the summary and the meeting; writing a file waits for your approval.")
        : pick("ביקשת מסמך: כותב את " + path + " מהסיכום; כתיבת קובץ מחכה לאישורך.",
            "You asked for a document: writing " + path
                + " from the summary; writing a file waits for your approval.");
  }
}
