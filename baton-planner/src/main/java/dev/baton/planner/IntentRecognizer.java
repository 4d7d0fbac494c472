package dev.baton.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises what a request asks for from a bilingual lexicon of verbs, nouns and set phrases.
 * Verbs and set phrases are <em>strong</em>; bare nouns ("documents", "meeting") are <em>weak</em>
 * and count only when no strong cue says otherwise. Also marks the words that only glue a sentence
 * together, and the cues that introduce a person ("with", "עם"). Pure.
 */
final class IntentRecognizer {
  /** A lexicon entry: a phrase, what it signals, how strongly. */
  private record Entry(Phrase phrase, Cue cue, boolean strong) {}

  /** What an entry signals beyond an intent. */
  enum Cue {
    INTENT, FIND, DOCUMENT, ONE_DOCUMENT, AGENDA, PERSON_NEXT, FILLER, FREE_WORD, BUSY_WORD,
    DETAILS, UNSUPPORTED
  }

  /** The outcome: intents by strength, flags, and the words used up. */
  record Recognized(Set<Intent> strong, Set<Intent> weak, boolean findVerb, boolean oneDocument,
      boolean agenda, Set<Integer> personCues, Set<Integer> used, boolean freeWord,
      boolean busyWord, boolean ownerCue, boolean unsupported) {}

  /** Words by which the person speaks of themself ("my calendar", "מה יש לי"). */
  private static final Set<String> OWNER = Set.of("i", "me", "my", "mine", "לי", "אצלי", "שלי",
      "אני", "i'm", "im");

  // why: declared before LEXICON, which fills it while it is built
  private static final Map<Phrase, Set<Intent>> INTENTS = new LinkedHashMap<>();
  private static final List<Entry> LEXICON = lexicon();

  private IntentRecognizer() {}

  static Recognized recognize(RequestWords words) {
    Set<Intent> strong = EnumSet.noneOf(Intent.class);
    Set<Intent> weak = EnumSet.noneOf(Intent.class);
    Set<Integer> used = new HashSet<>();
    Set<Integer> personCues = new HashSet<>();
    boolean find = false;
    boolean one = false;
    boolean agenda = false;
    boolean free = false;
    boolean busy = false;
    boolean unsupported = false;
    boolean owner = words.words().stream().anyMatch(w -> OWNER.contains(w.folded()));
    for (int i = 0; i < words.size(); i++) {
      for (Entry e : LEXICON) {
        int n = e.phrase().matchAt(words, i, used);
        if (n == 0) {
          continue;
        }
        for (int k = i; k < i + n; k++) {
          used.add(k);
        }
        switch (e.cue()) {
          case INTENT -> (e.strong() ? strong : weak).addAll(INTENTS.get(e.phrase()));
          case FIND -> find = true;
          case DOCUMENT -> weak.add(Intent.SEARCH);
          case ONE_DOCUMENT -> {
            weak.add(Intent.SEARCH);
            one = true;
          }
          case AGENDA -> {
            strong.add(Intent.WRITE);
            agenda = true;
          }
          case PERSON_NEXT -> personCues.add(i + n);
          case FILLER -> { }
          case FREE_WORD -> {
            strong.add(Intent.FREE_BUSY);
            free = true;
          }
          case BUSY_WORD -> {
            strong.add(Intent.FREE_BUSY);
            busy = true;
          }
          case DETAILS -> weak.add(Intent.FIND_PERSON);
          case UNSUPPORTED -> unsupported = true;
        }
        i += n - 1;
        break;
      }
    }
    return new Recognized(strong, weak, find, one, agenda, personCues, used, free, busy, owner,
        unsupported);
  }

  private static List<Entry> lexicon() {
    List<Entry> all = new ArrayList<>();
    intent(all, true, List.of(Intent.SEARCH), "search", "search for", "look for", "look up",
        "חפש", "תחפש", "לחפש", "חפשי", "תחפשי");
    intent(all, true, List.of(Intent.SEARCH, Intent.READ), "read", "go through",
        "look through", "look at", "קרא", "תקרא", "לקרוא", "קראי", "תקראי", "תעבור על",
        "עבור על", "תסתכל על");
    intent(all, true, List.of(Intent.SEARCH, Intent.SUMMARIZE), "what we did", "what did we do",
        "what have we done", "what was done", "what happened", "what we have done",
        "מה עשינו", "מה נעשה", "מה קרה", "מה היה", "מה התקדם", "what we wrote",
        "what did we write", "what was written", "what we've written", "what we have written",
        "מה כתבנו", "מה נכתב", "מה שכתבנו", "מה שנכתב");
    intent(all, true, List.of(Intent.SUMMARIZE), "summarize", "summarise", "summary",
        "summaries", "sum up", "recap", "overview", "decisions", "open items", "action items",
        "key points", "what was decided", "what did we decide", "סכם", "תסכם", "לסכם", "סכמי",
        "תסכמי", "סיכום", "תקציר", "תמצית", "סקירה", "החלטות", "משימות פתוחות", "מה הוחלט",
        "מה החלטנו", "נקודות עיקריות");
    intent(all, true, List.of(Intent.LIST), "list", "which files", "what files", "show the files",
        "show me the files", "רשימת", "אילו קבצים", "אילו מסמכים", "איזה קבצים",
        "איזה מסמכים", "הצג את הקבצים", "תציג את הקבצים", "תראה לי את הקבצים");
    intent(all, true, List.of(Intent.FIND_SLOT), "find a time", "find time", "find a slot",
        "free slot", "time slot", "a slot", "free time", "a good time", "when can we meet",
        "when can i meet", "מצא זמן", "תמצא זמן", "למצוא זמן", "תמצאי זמן", "זמן פנוי",
        "חלון זמן", "מועד פנוי", "זמן משותף", "זמן לפגישה", "מתי אפשר להיפגש",
        "מתי נוכל להיפגש", "מתי אפשר לקבוע", "can we meet", "could we meet", "יכולים להיפגש",
        "יכולות להיפגש", "נוכל להיפגש", "אפשר להיפגש", "free hour", "free hours", "free slots",
        "open slot", "open slots", "שעה פנויה", "זמנים פנויים", "חלונות זמן");
    intent(all, true, List.of(Intent.CHECK_CONFLICTS), "conflict", "conflicts", "clash",
        "clashes", "overlap", "התנגשות", "התנגשויות", "מתנגש", "מתנגשת", "חפיפה");
    intent(all, true, List.of(Intent.FIND_PERSON), "contact details", "contact info", "contact",
        "phone number", "phone", "email address", "email", "e-mail", "who is", "איש קשר",
        "אנשי קשר", "פרטי קשר", "פרטי התקשרות", "מספר טלפון", "טלפון", "כתובת מייל", "מייל",
        "אימייל", "מי זה", "מי זו", "מי זאת");
    intent(all, true, List.of(Intent.FREE_BUSY), "when is");
    cue(all, Cue.FREE_WORD, "available", "availability", "free", "פנוי", "פנויה", "פנויים",
        "פנויות", "זמין", "זמינה", "זמינים", "זמינות");
    cue(all, Cue.BUSY_WORD, "busy", "calendar", "schedule for", "booked", "what do i have",
        "what have i got", "what's on", "whats on", "עסוק", "עסוקה", "עסוקים", "יומן", "ביומן",
        "לוח זמנים", "לו\"ז", "לוז", "תפוס", "תפוסה", "תפוסים", "מה יש לי", "מה יש לנו",
        "מה קבוע לי", "מה קבוע");
    intent(all, true, List.of(Intent.SCHEDULE), "schedule", "book", "set up", "arrange",
        "invite", "plan a meeting", "קבע", "תקבע", "לקבוע", "קבעי", "תקבעי", "תזמן", "לתזמן",
        "תאם", "תתאם", "לתאם", "תזמין", "להזמין");
    intent(all, false, List.of(Intent.SCHEDULE), "meeting", "meet", "פגישה", "פגישת",
        "להיפגש", "פגישות", "call", "שיחה", "שיחת");
    cue(all, Cue.DETAILS, "details", "פרטים", "פרטי");
    cue(all, Cue.UNSUPPORTED, "delete", "remove", "erase", "translate", "תמחק", "למחוק", "מחק",
        "תמחקי", "תתרגם", "לתרגם", "תרגם", "תתרגמי");
    intent(all, true, List.of(Intent.WRITE), "write", "draft", "compose", "prepare",
        "put together", "כתוב", "תכתוב", "לכתוב", "כתבי", "תכתבי", "נסח", "תנסח", "לנסח", "הכן",
        "תכין", "להכין", "תכיני", "צור", "תיצור");
    cue(all, Cue.AGENDA, "agenda", "סדר יום", "אג'נדה", "אגנדה");
    cue(all, Cue.FIND, "find", "locate", "get", "מצא", "תמצא", "למצוא", "מצאי", "תמצאי",
        "תשיג");
    cue(all, Cue.ONE_DOCUMENT, "document", "doc", "file", "report", "מסמך", "קובץ", "דוח",
        "דו\"ח");
    cue(all, Cue.DOCUMENT, "documents", "docs", "files", "notes", "reports", "מסמכים", "מסמכי",
        "קבצים", "סיכומים", "דוחות");
    cue(all, Cue.PERSON_NEXT, "with", "w", "עם", "ועם");
    cue(all, Cue.FILLER, "the", "a", "an", "to", "of", "in", "on", "at", "for", "and", "or",
        "me", "my", "us", "our", "we", "i", "you", "your", "please", "what", "that", "this", "it",
        "is", "are", "was", "were", "be", "about", "from", "all", "any", "some", "can", "could",
        "would", "will", "do", "did", "does", "done", "up", "out", "there", "them", "their",
        "his", "her", "him", "how", "let", "let's", "need", "want", "like", "hey", "hi", "so",
        "then", "also", "just", "by", "into", "should", "have", "has", "had", "new", "between",
        "during", "regarding", "whole", "team", "project", "give", "tell", "show", "send",
        "של", "את", "על", "מה", "זה", "זאת", "אני", "אנחנו", "לי", "לנו", "בבקשה", "כל", "גם",
        "רק", "אם", "או", "הוא", "היא", "יש", "אפשר", "שלי", "שלנו", "לגבי", "אודות", "אחרי",
        "לפני", "תודה", "אותו", "אותה", "אותם", "כדי", "ואז", "אז", "שם", "פה", "כאן", "שלו",
        "שלה", "אצל", "תוכל", "תוכלי", "רוצה", "צריך", "צריכה", "בין", "מול", "פרויקט",
        "הפרויקט", "בפרויקט", "צוות", "הצוות", "תן", "תני", "תגיד", "תראה", "הראה", "שלח",
        "תשלח", "ותשלח", "כמה", "האם", "מתי", "איפה", "when", "where", "which", "who", "did",
        "everything", "הכל", "הכול", "דברים", "things", "איתו", "איתה", "איתם", "איתי", "pls",
        "plz", "u", "stuff", "hey", "היי");
    // why: longest phrases first, so "find a time" wins over "find" and "free slot" over "free"
    all.sort(Comparator.comparingInt((Entry e) -> e.phrase().words().size()).reversed());
    return List.copyOf(all);
  }

  private static void intent(List<Entry> all, boolean strong, List<Intent> intents,
      String... phrases) {
    for (String p : phrases) {
      Phrase phrase = Phrase.of(p);
      INTENTS.merge(phrase, EnumSet.copyOf(intents), (a, b) -> {
        a.addAll(b);
        return a;
      });
      all.add(new Entry(phrase, Cue.INTENT, strong));
    }
  }

  private static void cue(List<Entry> all, Cue cue, String... phrases) {
    for (String p : phrases) {
      all.add(new Entry(Phrase.of(p), cue, cue != Cue.DOCUMENT && cue != Cue.ONE_DOCUMENT));
    }
  }
}
