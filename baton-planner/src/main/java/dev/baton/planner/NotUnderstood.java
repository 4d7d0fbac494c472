package dev.baton.planner;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The PLAN_NOT_UNDERSTOOD answers, in the request's language: what was not understood and what the
 * planner can do instead. Details carry {@code language} and {@code reason} for callers that match
 * on them.
 */
final class NotUnderstood {
  private final boolean hebrew;

  NotUnderstood(String language) {
    this.hebrew = Languages.HEBREW.equals(language);
  }

  BatonException nothing(List<String> words) {
    String said = String.join(" ", words);
    return fail("no-intent", hebrew
        ? "לא הבנתי מה לעשות" + (said.isEmpty() ? "" : " עם „" + said + "”") + ". " + CAN_HE
        : "I did not understand what to do" + (said.isEmpty() ? "" : " with \"" + said + "\"")
            + ". " + CAN_EN);
  }

  BatonException unknownPeople(List<String> names) {
    String list = String.join(", ", names);
    return fail("unknown-person", hebrew
        ? "לא מצאתי באנשי הקשר את: " + list + ". כתוב את השם כפי שהוא שמור באנשי הקשר."
        : "I could not find " + list + " in the contacts. Write the name as it is saved there.");
  }

  BatonException ambiguous(Person p) {
    String options = p.matches().stream().limit(4).map(Person.Candidate::described)
        .collect(Collectors.joining(hebrew ? ", " : "; "));
    return fail("ambiguous-person", hebrew
        ? "לא ברור לאיזה " + p.said() + " התכוונת: " + options
            + ". ציין שם מלא או פרויקט."
        : "It is not clear which " + p.said() + " you mean: " + options
            + ". Say the full name or the project.");
  }

  BatonException invalid(List<dev.baton.core.error.Problem> problems) {
    String where = problems.stream().map(dev.baton.core.error.Problem::location).distinct()
        .limit(3).collect(Collectors.joining(", "));
    return fail("invalid-plan", hebrew
        ? "לא הצלחתי להרכיב תוכנית תקינה לבקשה (" + where + "). נסח אותה אחרת או פרט יותר. "
            + CAN_HE
        : "I could not build a valid plan for this request (" + where + "). Put it another"
            + " way or say more. " + CAN_EN);
  }

  BatonException past(TimeWindow w) {
    return fail("past", hebrew
        ? "אי אפשר לקבוע פגישה בעבר (" + w.from() + "–" + w.to() + ")."
        : "I cannot schedule in the past (" + w.from() + " to " + w.to() + ").");
  }

  BatonException documentContent() {
    return fail("document-content", hebrew
        ? "הבנתי שצריך לכתוב מסמך, אבל לא על מה. ציין פרויקט, תקופה או פגישה."
        : "I understood that you want a document written, but not what it should be about."
            + " Name a project, a period or a meeting.");
  }

  BatonException whom() {
    return fail("no-person", hebrew ? "לא הבנתי את מי לחפש באנשי הקשר."
        : "I did not understand whom to look up in the contacts.");
  }

  BatonException missingTool(String tool) {
    return fail("missing-tool", hebrew ? "אין לי את הכלי " + tool + " כדי לבצע את הבקשה."
        : "I would need the tool " + tool + " for this request, and the catalogue has none.");
  }

  private BatonException fail(String reason, String message) {
    return BatonException.builder(ErrorCode.PLAN_NOT_UNDERSTOOD, message)
        .details(Map.of("language", hebrew ? Languages.HEBREW : Languages.ENGLISH,
            "reason", reason))
        .build();
  }

  private static final String CAN_HE = "אני יודע לקרוא, לחפש ולסכם מסמכים, למצוא אנשי קשר,"
      + " לבדוק זמנים פנויים, לקבוע פגישות ולכתוב מסמכים.";
  private static final String CAN_EN = "I can read, search and summarise documents, find people,"
      + " check free times, schedule meetings and write documents.";
}
