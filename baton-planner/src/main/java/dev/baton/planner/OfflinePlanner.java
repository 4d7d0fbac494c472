package dev.baton.planner;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.Problem;
import dev.baton.core.feedback.ResolutionMemory;
import dev.baton.core.plan.PlanValidator;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.planning.PlanCost;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.planning.Planner;
import dev.baton.core.tool.ToolCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The planner that needs no model: it recognises intents, dates and times in Hebrew and English,
 * asks the catalogue's contacts and files tools who and what the request names, and composes the
 * plan from the tools' schemas. Plans in milliseconds; costs nothing ({@link PlanCost#NONE}).
 *
 * <p>Thread-safe: it keeps no state between requests. Every plan it returns has passed
 * {@link PlanValidator}.
 */
public final class OfflinePlanner implements Planner {
  /** The zone used when a caller has none: the project's home. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Jerusalem");

  private final ResolutionMemory memory;

  /** A planner that remembers nothing between requests. */
  public OfflinePlanner() {
    this(ResolutionMemory.NONE);
  }

  /**
   * A planner that uses what people answered before (per the context's tenant) to decide whom a
   * name means instead of asking again.
   */
  public OfflinePlanner(ResolutionMemory memory) {
    this.memory = java.util.Objects.requireNonNull(memory, "memory");
  }

  /**
   * @throws BatonException PLAN_NOT_UNDERSTOOD (in the request's language; details "language" and
   *     "reason") when nothing in the request can be planned, a person is unknown or ambiguous, or
   *     the catalogue lacks a tool the request needs
   */
  @Override
  public PlanProposal plan(String request, ToolCatalog catalog, PlanContext context) {
    String language = context.language() != null ? context.language()
        : Languages.detect(request);
    LocalDate today = LocalDate.ofInstant(context.now(), context.zone());
    RequestWords words = RequestWords.of(request);
    IntentRecognizer.Recognized recognized = IntentRecognizer.recognize(words);
    boolean future = recognized.strong().stream().noneMatch(i -> i == Intent.SEARCH
        || i == Intent.SUMMARIZE || i == Intent.READ || i == Intent.LIST);
    Set<Integer> used = new HashSet<>(recognized.used());
    DateExpressions.Found dates = DateExpressions.find(words, today, future);
    used.addAll(dates.used());
    MeetingLength.Found length = MeetingLength.find(words, used);
    used.addAll(length.used());
    Optional<String> path = documentPath(words, used);
    CatalogTools tools = new CatalogTools(catalog);
    EntityFinder finder = new EntityFinder(tools);
    EntityFinder.Found found = recognized.strong().isEmpty() && recognized.weak().isEmpty()
        && !recognized.findVerb()
        // why: with no task in the request there is nothing to look up; say so at once
        ? new EntityFinder.Found(Optional.empty(), List.of(), List.of(), leftovers(words, used))
        : finder.find(words, used, recognized.personCues());
    Understanding understanding = Understanding.compose(language, recognized, found,
        dates.windows(), length.minutes().orElse(MeetingLength.DEFAULT_MINUTES), path, today);
    List<Person> people = new PersonResolver(tools, finder, memory, context.tenant(), language,
        today).resolve(found.people(), found.project(), found.organizations(),
        PersonResolver.purpose(understanding));
    List<String> unknown = people.stream().filter(p -> p.kind() == Person.Kind.UNKNOWN)
        .map(Person::said).toList();
    if (!unknown.isEmpty() && !understanding.needsAddresses()) {
      // why: an address can be asked for a meeting; a phone number nobody has cannot
      throw new NotUnderstood(language).unknownPeople(unknown);
    }
    understanding = understanding.withPeople(people);
    PlanComposer.Composed composed = new PlanComposer(understanding, tools, today).compose();
    List<Problem> problems = new PlanValidator(catalog).validate(composed.plan());
    if (!problems.isEmpty()) {
      // why: a person never sees the planner's own invalid plan; they hear what it could not do
      throw new NotUnderstood(language).invalid(problems);
    }
    return new PlanProposal(composed.plan(), composed.reasons(), PlanCost.NONE, language);
  }

  /** Plans with the clock's time, the default zone and the language detected. */
  public PlanProposal plan(String request, ToolCatalog catalog, Clock clock) {
    return plan(request, catalog, new PlanContext(Instant.now(clock), DEFAULT_ZONE, null,
        List.of()));
  }

  /** A file name the request gives for a document (summary.md, notes/x.docx), marked used. */
  private static Optional<String> documentPath(RequestWords words, Set<Integer> used) {
    for (int i = 0; i < words.size(); i++) {
      String raw = words.get(i).raw();
      String lower = raw.toLowerCase(java.util.Locale.ROOT);
      if (!used.contains(i) && (lower.endsWith(".md") || lower.endsWith(".docx"))) {
        used.add(i);
        return Optional.of(raw);
      }
    }
    return Optional.empty();
  }

  private static List<String> leftovers(RequestWords words, Set<Integer> used) {
    return words.words().stream().filter(w -> !used.contains(w.index()))
        .map(RequestWords.Word::raw).toList();
  }
}
