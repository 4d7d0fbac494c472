package dev.baton.planner;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the planner understood of a request: the intents left once they are composed by their data
 * needs, and the things they are about. {@code documents} is the period the documents are about,
 * {@code meeting} the day or range (and perhaps hour) for a meeting; {@code agenda} asks the
 * document to be a meeting agenda; {@code path} is a file name the request gave for it.
 */
record Understanding(String language, Set<Intent> intents, Optional<TimeWindow> documents,
    Optional<TimeWindow> meeting, int minutes, Optional<Project> project, List<Person> people,
    List<String> topics, boolean agenda, Optional<String> path, Optional<TimeWindow> busy,
    boolean ownerOnly, boolean askSubject) {

  Understanding {
    intents = Set.copyOf(intents);
    people = List.copyOf(people);
    topics = List.copyOf(topics);
  }

  /** The same, with the people resolved. */
  Understanding withPeople(List<Person> resolved) {
    return new Understanding(language, intents, documents, meeting, minutes, project, resolved,
        topics, agenda, path, busy, ownerOnly, askSubject);
  }

  /** Whether the plan needs people's e-mail addresses (to meet them or weigh their calendars). */
  boolean needsAddresses() {
    return has(Intent.FREE_BUSY) || has(Intent.FIND_SLOT) || has(Intent.CHECK_CONFLICTS)
        || has(Intent.SCHEDULE);
  }

  boolean has(Intent intent) {
    return intents.contains(intent);
  }

  /**
   * Composes recognised intents by what each needs and what the request names. Pure.
   *
   * @throws dev.baton.core.error.BatonException PLAN_NOT_UNDERSTOOD saying what is missing
   */
  static Understanding compose(String language, IntentRecognizer.Recognized r,
      EntityFinder.Found found, List<TimeWindow> windows, int minutes, Optional<String> path,
      LocalDate today) {
    NotUnderstood ask = new NotUnderstood(language);
    Set<Intent> in = EnumSet.noneOf(Intent.class);
    in.addAll(r.strong());
    boolean mentionsThings = found.project().isPresent() || !found.topics().isEmpty();
    if (r.unsupported()) {
      throw ask.nothing(found.topics());
    }
    if (r.weak().contains(Intent.FIND_PERSON) && !found.people().isEmpty()) {
      in.add(Intent.FIND_PERSON);
    }
    if (r.findVerb() && !in.contains(Intent.FIND_SLOT) && !in.contains(Intent.FIND_PERSON)) {
      // why: "find" takes its meaning from its object: people alone, or documents
      in.add(!found.people().isEmpty() && !mentionsThings && !r.weak().contains(Intent.SEARCH)
          ? Intent.FIND_PERSON : Intent.SEARCH);
    } else if (r.findVerb() && in.contains(Intent.FIND_PERSON) && mentionsThings
        && !in.contains(Intent.SUMMARIZE)) {
      // why: "find Dana's phone and the budget files": both halves
      in.add(Intent.SEARCH);
    }
    if (in.contains(Intent.SCHEDULE) && found.people().isEmpty()
        && !r.weak().contains(Intent.SCHEDULE)) {
      // why: "book a hotel", "order a taxi": a verb that schedules, with nobody to meet and no
      // meeting, is not a meeting at all
      in.remove(Intent.SCHEDULE);
      if (in.isEmpty()) {
        throw ask.nothing(found.topics());
      }
    }
    if (r.weak().contains(Intent.SEARCH) && in.isEmpty()) {
      in.add(Intent.SEARCH);
    }
    if (r.weak().contains(Intent.SEARCH) && r.oneDocument() && in.contains(Intent.READ)) {
      in.add(Intent.SEARCH);
    } else if (in.remove(Intent.READ)) {
      // why: reading many documents is given back as what they say, not as raw text
      in.add(Intent.SUMMARIZE);
    }
    boolean aboutTime = in.contains(Intent.FIND_SLOT) || in.contains(Intent.FREE_BUSY)
        || in.contains(Intent.CHECK_CONFLICTS) || in.contains(Intent.FIND_PERSON);
    boolean aboutDocuments = in.contains(Intent.SEARCH) || in.contains(Intent.SUMMARIZE)
        || in.contains(Intent.LIST);
    if (r.weak().contains(Intent.SCHEDULE) && !found.people().isEmpty() && !aboutTime
        && !aboutDocuments) {
      in.add(Intent.SCHEDULE);
    }
    if (in.isEmpty()) {
      throw ask.nothing(found.topics());
    }
    Optional<TimeWindow> documents = Optional.empty();
    Optional<TimeWindow> window = Optional.empty();
    boolean reads = in.contains(Intent.SEARCH) || in.contains(Intent.SUMMARIZE)
        || in.contains(Intent.READ) || in.contains(Intent.LIST) || in.contains(Intent.WRITE);
    boolean meets = in.contains(Intent.SCHEDULE) || in.contains(Intent.FIND_SLOT)
        || in.contains(Intent.FREE_BUSY) || in.contains(Intent.CHECK_CONFLICTS);
    Optional<TimeWindow> busy = Optional.empty();
    boolean bothCalendarQuestions = in.contains(Intent.FREE_BUSY) && in.contains(Intent.FIND_SLOT)
        && r.busyWord();
    for (TimeWindow w : windows) {
      if (bothCalendarQuestions && busy.isEmpty() && window.isEmpty() && documents.isEmpty()
          && !(w.to().isBefore(today))) {
        // why: "what do I have tomorrow and when is Noa free next week": one window each
        busy = Optional.of(w);
        continue;
      }
      // why: with both reading and meeting in one request, the past is what was done and the
      // future is when to meet
      boolean past = w.to().isBefore(today) || (w.from().isBefore(today) && w.at() == null);
      if (reads && documents.isEmpty() && (past || !meets)) {
        documents = Optional.of(w);
      } else if (meets && window.isEmpty()) {
        window = Optional.of(w);
      }
    }
    boolean timed = window.isPresent() && window.get().at() != null;
    if (in.contains(Intent.FREE_BUSY) && timed) {
      in.remove(Intent.FREE_BUSY);
      in.add(Intent.CHECK_CONFLICTS);
    }
    if (in.contains(Intent.CHECK_CONFLICTS) && !timed) {
      in.remove(Intent.CHECK_CONFLICTS);
      in.add(Intent.FREE_BUSY);
    }
    if (in.contains(Intent.FREE_BUSY) && r.freeWord() && !r.busyWord()) {
      // why: asked when someone is free, the answer is free time, not their busy times
      in.remove(Intent.FREE_BUSY);
      in.add(Intent.FIND_SLOT);
    }
    if (in.contains(Intent.FIND_SLOT) && busy.isEmpty()) {
      // why: finding a free slot already weighs everyone's busy times
      in.remove(Intent.FREE_BUSY);
    }
    if (in.contains(Intent.SCHEDULE) && !timed) {
      // why: a day, a range or no time at all: the free slot is found first, so the approval
      // shows when the meeting will be
      in.add(Intent.FIND_SLOT);
    }
    if ((in.contains(Intent.SCHEDULE) || in.contains(Intent.FIND_SLOT)
        || in.contains(Intent.CHECK_CONFLICTS)) && window.isPresent()
        && window.get().to().isBefore(today)) {
      throw ask.past(window.get());
    }
    if (in.contains(Intent.SCHEDULE) && in.contains(Intent.SUMMARIZE)) {
      // why: a meeting about what was read is only useful with an agenda made from it
      in.add(Intent.WRITE);
    }
    if (in.contains(Intent.WRITE) && !in.contains(Intent.SUMMARIZE)
        && !in.contains(Intent.SCHEDULE)) {
      in.add(Intent.SUMMARIZE);
    }
    if (in.contains(Intent.SUMMARIZE) || in.contains(Intent.READ)) {
      in.add(Intent.SEARCH);
    }
    if (in.contains(Intent.LIST) && !r.strong().contains(Intent.SEARCH)) {
      in.remove(Intent.SEARCH);
    }
    if (in.contains(Intent.FIND_PERSON) && found.people().isEmpty()) {
      throw ask.whom();
    }
    boolean askSubject = in.contains(Intent.WRITE) && !in.contains(Intent.SCHEDULE)
        && !mentionsThings && documents.isEmpty() && path.isEmpty();
    boolean agenda = r.agenda() || (in.contains(Intent.WRITE) && in.contains(Intent.SCHEDULE));
    return new Understanding(language, in, documents, window, minutes, found.project(),
        List.of(), found.topics(), agenda, path, busy, r.ownerCue() || found.people().isEmpty(),
        askSubject);
  }
}
