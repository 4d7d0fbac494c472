package dev.baton.planner;

import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Title;
import dev.baton.core.tool.Tool;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the plan for an {@link Understanding}: each intent adds its step, in {@link Intent} order,
 * with the arguments the request gave (kept only where the tool's input schema has them); every
 * other input is wired to an earlier step's output by {@link ReferenceChooser}, so dependencies
 * follow from data needs, not from a template.
 */
final class PlanComposer {
  private final Understanding u;
  private final CatalogTools tools;
  private final LocalDate today;
  private final Wording words;
  private final NotUnderstood ask;
  private final List<Step> steps = new ArrayList<>();
  private final List<ReferenceChooser.Source> sources = new ArrayList<>();
  private final Map<StepId, String> reasons = new LinkedHashMap<>();
  /** Where each person's e-mail address will come from, in the order the request names them. */
  private final List<JsonNode> addresses = new ArrayList<>();
  private final String purpose;

  PlanComposer(Understanding u, CatalogTools tools, LocalDate today) {
    this.u = u;
    this.tools = tools;
    this.today = today;
    this.words = new Wording(u);
    this.ask = new NotUnderstood(u.language());
    this.purpose = PersonResolver.purpose(u);
  }

  /** The plan and a reason per step. */
  record Composed(Plan plan, Map<StepId, String> reasons) {}

  Composed compose() {
    if (u.askSubject()) {
      add("subject", CatalogTools.ASK_FILL, literals().put("question", words.subjectQuestion())
          .put("kind", "text"), words.subjectTitle(), words.subjectReason());
    }
    if (u.has(Intent.SEARCH)) {
      search();
    }
    if (u.has(Intent.READ)) {
      add("read", CatalogTools.READ, literals(), words.readTitle(), words.readReason());
    }
    if (u.has(Intent.LIST)) {
      list();
    }
    if (u.has(Intent.SUMMARIZE)) {
      // why: the summary speaks the request's language (with a model; offline it quotes the
      // documents as written)
      add("analyze", CatalogTools.SUMMARIZE, literals().put("focus", words.focus())
              .put("language", u.language()),
          words.summaryTitle(), words.summaryReason());
    }
    boolean needsAddresses = u.has(Intent.FREE_BUSY) || u.has(Intent.FIND_SLOT)
        || u.has(Intent.CHECK_CONFLICTS) || u.has(Intent.SCHEDULE);
    if (needsAddresses || u.has(Intent.FIND_PERSON)) {
      contacts(needsAddresses);
    }
    TimeWindow when = u.meeting().orElse(null);
    if (u.has(Intent.FREE_BUSY)) {
      TimeWindow w = u.busy().orElse(when != null ? when : new TimeWindow(today,
          today.plusDays(6), null, new Title("בשבוע הקרוב", "in the coming week")));
      ObjectNode args = literals().put("from", w.from().toString())
          .put("to", w.to().plusDays(1).toString());
      args.set("people", u.ownerOnly() ? JsonNodeFactory.instance.arrayNode() : addresses());
      add("busy", CatalogTools.FREE_BUSY, args, words.freeBusyTitle(w), words.freeBusyReason(w));
    }
    if (u.has(Intent.FIND_SLOT)) {
      slot(when);
    }
    if (u.has(Intent.CHECK_CONFLICTS)) {
      String start = start(when);
      ObjectNode args = literals().put("start", start).put("durationMinutes", u.minutes());
      args.set("attendees", addresses());
      add("conflicts", CatalogTools.CONFLICTS, args, words.conflictsTitle(start),
          words.conflictsReason(start));
    }
    boolean reviewed = u.has(Intent.SUMMARIZE);
    if (u.has(Intent.SCHEDULE)) {
      meeting(when, reviewed);
    }
    if (u.has(Intent.WRITE)) {
      document(reviewed);
    }
    return new Composed(new Plan(steps), reasons);
  }

  private void search() {
    List<String> terms = new ArrayList<>();
    u.project().ifPresent(p -> terms.addAll(p.names()));
    terms.addAll(u.topics());
    ObjectNode args = literals();
    String query = String.join(" ", terms);
    if (u.askSubject()) {
      args.set("query", ref("subject", "/value"));
    } else if (!query.isEmpty()) {
      args.put("query", query);
    }
    u.documents().ifPresent(w -> args.put("from", w.from().toString())
        .put("to", w.to().toString()));
    add("search", CatalogTools.SEARCH, args, words.searchTitle(),
        words.searchReason(u.askSubject() ? words.pick("התשובה שלך", "your answer") : query));
  }

  private void list() {
    String folder = u.project().map(Project::folder).orElse("");
    ObjectNode args = literals().put("recursive", true);
    if (!folder.isEmpty()) {
      args.put("folder", folder);
    }
    add("list", CatalogTools.LIST, args, words.listTitle(folder), words.listReason(folder));
  }

  private void contacts(boolean needsAddresses) {
    int found = 0;
    int chosen = 0;
    int filled = 0;
    for (Person p : u.people()) {
      switch (p.kind()) {
        case RESOLVED -> {
          ObjectNode args = literals().put("name", p.said());
          if (!p.context().isEmpty()) {
            ArrayNode context = args.putArray("context");
            p.context().forEach(context::add);
          }
          String id = ++found == 1 ? "contact" : "contact" + found;
          add(id, CatalogTools.CONTACTS, args, words.contactTitle(p),
              words.contactReason(p, needsAddresses ? words.needAddress()
                  : words.askedForContact()));
          addresses.add(ref(id, "/matches/0/email"));
        }
        case CHOOSE -> {
          ObjectNode args = literals().put("question", words.chooseQuestion(p))
              .put("name", Person.key(p.said())).put("purpose", purpose);
          ArrayNode candidates = args.putArray("candidates");
          for (Person.Candidate c : p.matches()) {
            candidates.addObject().put("value", c.email()).put("label", c.described())
                .put("reason", c.reason());
          }
          String id = ++chosen == 1 ? "who" : "who" + chosen;
          add(id, CatalogTools.ASK_CHOOSE, args, words.chooseTitle(p), words.chooseReason(p));
          addresses.add(ref(id, "/value"));
        }
        case UNKNOWN -> {
          ObjectNode args = literals().put("question", words.fillQuestion(p)).put("kind", "email");
          String id = ++filled == 1 ? "address" : "address" + filled;
          add(id, CatalogTools.ASK_FILL, args, words.fillTitle(p), words.fillReason(p));
          addresses.add(ref(id, "/value"));
        }
      }
    }
  }

  /** The people's addresses, as references to the steps that will know them. */
  private ArrayNode addresses() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    addresses.forEach(out::add);
    return out;
  }

  private static ObjectNode ref(String step, String pointer) {
    return Json.object().put(dev.baton.core.plan.StepRef.KEY, step + "#" + pointer);
  }

  private void slot(TimeWindow when) {
    TimeWindow w = when != null ? when : new TimeWindow(today, today.plusDays(13), null,
        new Title("בשבועיים הקרובים", "in the next two weeks"));
    LocalDate from = w.from().isBefore(today) ? today : w.from();
    ObjectNode args = literals().put("durationMinutes", u.minutes())
        .put("notBefore", from.toString())
        .put("withinDays", (int) java.time.temporal.ChronoUnit.DAYS.between(from, w.to()) + 1);
    args.set("attendees", addresses());
    add("slot", CatalogTools.FIND_SLOT, args, words.slotTitle(), words.slotReason(w));
  }

  private void meeting(TimeWindow when, boolean reviewed) {
    ObjectNode args = literals().put("title", words.meetingTitle(u.language(), reviewed))
        .put("durationMinutes", u.minutes());
    String said;
    if (when != null && when.at() != null) {
      args.put("start", start(when));
      said = start(when);
    } else {
      said = u.has(Intent.FIND_SLOT) ? words.whenFound() : words.whenFirstFree();
    }
    if (!u.has(Intent.FIND_SLOT)) {
      // why: with a slot found first, the attendees come from it; else from the people (an empty
      // list when only the owner attends)
      args.set("attendees", addresses());
    }
    ArrayNode agenda = args.putArray("agenda");
    words.meetingAgenda(reviewed).forEach(agenda::add);
    add("meeting", CatalogTools.CREATE_EVENT, args, words.meetingStepTitle(),
        words.meetingReason(said));
  }

  private void document(boolean reviewed) {
    String english = u.agenda() ? words.meetingTitle(Languages.ENGLISH, reviewed)
        : words.summaryDocumentTitle(Languages.ENGLISH);
    String title = u.agenda() ? words.meetingTitle(u.language(), reviewed)
        : words.summaryDocumentTitle(u.language());
    String folder = u.agenda() ? "agendas/" : "documents/";
    String path = u.path().orElseGet(() -> folder
        + words.slug(english, (u.agenda() ? "agenda-" : "summary-") + today) + ".md");
    List<String> agendaItems = u.agenda() && u.has(Intent.SCHEDULE)
        ? words.meetingAgenda(reviewed) : List.of();
    ObjectNode args = literals().put("path", path).put("title", title);
    args.set("sections", DocumentOutline.sections(sources, agendaItems, u.language()));
    add(u.agenda() ? "agenda" : "document", CatalogTools.WRITE, args,
        words.documentStepTitle(), words.documentReason(path));
  }

  private String start(TimeWindow w) {
    return w.from().atTime(w.at()).toString();
  }

  /**
   * Adds a step: keeps the literal arguments the tool's input schema declares, wires the rest to
   * earlier outputs, and records the step's reason.
   */
  private void add(String id, String toolName, ObjectNode literal, Title title, String reason) {
    Tool tool = tools.find(toolName).orElseThrow(() -> ask.missingTool(toolName));
    JsonNode input = tool.descriptor().inputSchema();
    ObjectNode args = literals();
    for (String name : input.path("properties").propertyNames()) {
      if (literal.has(name)) {
        args.set(name, literal.get(name));
      } else {
        ReferenceChooser.choose(name, input, sources).ifPresent(v -> args.set(name, v));
      }
    }
    StepId step = StepId.of(id);
    steps.add(new Step(step, toolName, args, title, List.of(), false));
    sources.add(new ReferenceChooser.Source(step, tool.descriptor()));
    reasons.put(step, reason);
  }

  private static ObjectNode literals() {
    return dev.baton.core.json.Json.object();
  }
}
