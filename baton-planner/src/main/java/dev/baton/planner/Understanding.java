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
    Optional<TimeWindow> meeting, int minutes, Optional<Project> project, List<Person> people, List<String> topics,
    boolean agenda, Optional<String> path) {

  Understanding {
    intents = Set.copyOf(intents);
    people = List.copyOf(people);
    topics = List.copyOf(topics);
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
    if (r.findVerb() && !in.contains(Intent.FIND_SLOT) && !in.contains(Intent.FIND_PERSON)) {
      // why: "find" takes its meaning from its object: people alone, or documents
      in.add(!found.people().isEmpty() && !mentionsThings && !r.weak().contains(Intent.SEARCH)
          ? Intent.FIND_PERSON : Intent.SEARCH);
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
    if (!found.unknownPeople().isEmpty()) {
      throw ask.unknownPeople(found.unknownPeople());
    }
    for (Person p : found.people()) {
      if (p.ambiguous()) {
        throw ask.ambiguous(p);
      }
    }
    Optional<TimeWindow> documents = Optional.empty();
    Optional<TimeWindow> window = Optional.empty();
    boolean reads = in.contains(Intent.SEARCH) || in.contains(Intent.SUMMARIZE)
        || in.contains(Intent.READ) || in.contains(Intent.LIST) || in.contains(Intent.WRITE);
    boolean meets = in.contains(Intent.SCHEDULE) || in.contains(Intent.FIND_SLOT)
        || in.contains(Intent.FREE_BUSY) || in.contains(Intent.CHECK_CONFLICTS);
    for (TimeWindow w : windows) {
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
    if (in.contains(Intent.FIND_SLOT)) {
      // why: finding a free slot already weighs everyone's busy times
      in.remove(Intent.FREE_BUSY);
    }
    if (in.contains(Intent.SCHEDULE) && window.isPresent() && !timed) {
      // why: a day or a range without an hour needs a free slot found in it first
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
      if (!mentionsThings && documents.isEmpty()) {
        throw ask.documentContent();
      }
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
    boolean agenda = r.agenda() || (in.contains(Intent.WRITE) && in.contains(Intent.SCHEDULE));
    return new Understanding(language, in, documents, window, minutes, found.project(),
        found.people(),
        found.topics(), agenda, path);
  }
}
