package dev.baton.planner;

import dev.baton.core.feedback.ResolutionMemory;
import dev.baton.core.json.Json;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides whom each name in a request means, the way a colleague would: a contact with exactly
 * that name (or its transliteration) beats one with a similar name (Yoel is not Yoav); among
 * several with the name, the one the request's context points to (the project or organisation
 * named) is meant, or the one the person chose before for the same kind of request; otherwise the
 * person is asked, with the candidates ranked by how much they appear in the workspace (documents
 * of their project, meetings in the calendar) and the reason for each. A name close to nobody's
 * exactly (a typo) is always asked about. One instance serves one request.
 */
final class PersonResolver {
  /** How far back and ahead meetings count as recent. */
  private static final int MEETING_DAYS = 14;
  private static final int SEARCH_LIMIT = 50;
  private static final int MAX_CHOICES = 4;

  private final CatalogTools tools;
  private final EntityFinder finder;
  private final ResolutionMemory memory;
  private final String tenant;
  private final String language;
  private final LocalDate today;

  PersonResolver(CatalogTools tools, EntityFinder finder, ResolutionMemory memory, String tenant,
      String language, LocalDate today) {
    this.tools = tools;
    this.finder = finder;
    this.memory = memory;
    this.tenant = tenant;
    this.language = language;
    this.today = today;
  }

  /** The memory's key for what a request asks of a person: to meet them, or to reach them. */
  static String purpose(Understanding u) {
    boolean meet = u.has(Intent.SCHEDULE) || u.has(Intent.FIND_SLOT) || u.has(Intent.FREE_BUSY)
        || u.has(Intent.CHECK_CONFLICTS);
    return meet ? "meet" : "contact";
  }

  List<Person> resolve(List<EntityFinder.Named> names, Optional<Project> project,
      List<String> organizations, String purpose) {
    List<String> context = new ArrayList<>();
    project.ifPresent(p -> context.addAll(p.names()));
    organizations.stream().filter(o -> !context.contains(o)).forEach(context::add);
    List<Person> out = new ArrayList<>();
    for (EntityFinder.Named n : names) {
      out.add(resolve(n, context, purpose));
    }
    return out;
  }

  private Person resolve(EntityFinder.Named n, List<String> context, String purpose) {
    if (n.candidates().isEmpty()) {
      return new Person(n.said(), List.of(), Person.Kind.UNKNOWN, "", context);
    }
    boolean exact = n.exact();
    List<Person.Candidate> pool = new ArrayList<>(exact
        ? n.candidates().stream().filter(c -> c.nameScore() >= EntityFinder.EXACT).toList()
        : n.candidates());
    if (exact) {
      List<Person.Candidate> members = pool.stream().filter(c -> member(c, context)).toList();
      if (members.size() == 1) {
        Person.Candidate c = members.getFirst();
        return resolved(n.said(), c, evidence(c, true), context);
      }
      if (pool.size() == 1) {
        // why: the only contact with the name needs no evidence gathered (that would cost a
        // search and a calendar read on every plain request)
        Person.Candidate c = pool.getFirst();
        return resolved(n.said(), c, evidence(c, member(c, context),
            new Presence(null, 0, 0), true), context);
      }
      if (!members.isEmpty()) {
        pool = new ArrayList<>(members);
      }
    }
    // why: asked before for this name and purpose: the answer stands (and only now is the
    // memory opened, so a plan with no doubt opens no database)
    Optional<ResolutionMemory.Resolution> remembered = memory.recall(tenant,
        Person.key(n.said()), purpose);
    if (remembered.isPresent()) {
      for (Person.Candidate c : n.candidates()) {
        if (c.email().equalsIgnoreCase(remembered.get().value())) {
          String why = pick("בחרת בו/בה קודם עבור „" + n.said() + "”",
              "you chose them before for \"" + n.said() + "\"");
          return resolved(n.said(), c, why, context);
        }
      }
    }
    // why: still unsure (several with the name, or only similar names): rank by how much each
    // appears in the workspace and ask, giving the reason for each
    List<Ranked> ranked = new ArrayList<>();
    for (Person.Candidate c : pool.subList(0, Math.min(pool.size(), MAX_CHOICES))) {
      Presence p = presence(c);
      String reason = (exact ? "" : pick("שם דומה; ", "a similar name; "))
          + evidence(c, member(c, context), p);
      ranked.add(new Ranked(c.because(reason), p.documents() + p.meetings()
          + (member(c, context) ? 100 : 0), c.nameScore()));
    }
    // why: every exact name (as written or transliterated) is as good as another: the
    // workspace decides their order; among similar names, the closer name comes first
    Comparator<Ranked> byPresence = Comparator.comparingInt(Ranked::weight).reversed();
    ranked.sort(exact ? byPresence
        : Comparator.comparingDouble(Ranked::nameScore).reversed().thenComparing(byPresence));
    return new Person(n.said(), ranked.stream().map(Ranked::candidate).toList(),
        Person.Kind.CHOOSE, "", context);
  }

  private record Ranked(Person.Candidate candidate, int weight, double nameScore) {}

  private Person resolved(String said, Person.Candidate c, String why, List<String> context) {
    List<String> ctx = new ArrayList<>(context);
    // why: the contacts back end, asked again when the plan runs, must rank this person first
    // among others with the same name: their organisation tells them apart
    if (!c.organization().isBlank() && ctx.stream().noneMatch(w -> mentions(c, w))) {
      ctx.add(c.organization());
    }
    return new Person(said, List.of(c.because(why)), Person.Kind.RESOLVED,
        c.name() + ": " + why, ctx);
  }

  private String evidence(Person.Candidate c, boolean member) {
    return evidence(c, member, presence(c), false);
  }

  private String evidence(Person.Candidate c, boolean member, Presence p) {
    return evidence(c, member, p, false);
  }

  private String evidence(Person.Candidate c, boolean member, Presence p, boolean only) {
    List<String> parts = new ArrayList<>();
    if (only) {
      parts.add(pick("היחיד/ה בשם הזה באנשי הקשר", "the only contact with that name"));
    }
    if (!c.organization().isBlank()) {
      parts.add(member ? pick("חבר/ה ב" + (RequestWords.hebrew(c.organization().substring(0, 1))
          ? "" : "-") + c.organization() + " שצוין בבקשה",
          "member of " + c.organization() + ", named in the request")
          : pick((RequestWords.hebrew(c.organization().substring(0, 1)) ? "מ" : "מ-")
              + c.organization(), "of " + c.organization()));
    }
    if (p.folder() != null) {
      parts.add(pick("מופיע/ה ב-" + p.documents() + " מהמסמכים של " + leaf(p.folder()),
          "in " + p.documents() + " of " + leaf(p.folder()) + "'s documents"));
    }
    if (p.meetings() > 0) {
      parts.add(pick(p.meetings() + " פגישות ביומן בשבועיים הקרובים והאחרונים",
          p.meetings() + " meetings in the calendar within two weeks"));
    }
    if (parts.isEmpty()) {
      parts.add(pick("אין לו/ה מסמכים או פגישות בסביבת העבודה",
          "no documents or meetings in the workspace"));
    }
    return String.join(", ", parts);
  }

  /** How much a contact appears in the workspace: documents of their project, meetings. */
  private record Presence(String folder, int documents, int meetings) {}

  private Presence presence(Person.Candidate c) {
    String folder = folderOf(c);
    int documents = 0;
    if (folder != null) {
      Set<String> paths = new HashSet<>();
      Set<String> names = new LinkedHashSet<>();
      names.add(c.name());
      names.addAll(c.otherNames());
      for (String name : names) {
        ObjectNode q = Json.object().put("query", name).put("limit", SEARCH_LIMIT);
        JsonNode out = tools.call(CatalogTools.SEARCH, q).orElse(null);
        if (out == null) {
          break;
        }
        for (JsonNode hit : out.path("hits")) {
          String path = hit.path("path").asString("");
          if (path.startsWith(folder + "/")) {
            paths.add(path);
          }
        }
      }
      documents = paths.size();
    }
    int meetings = 0;
    if (!c.email().isBlank() && tools.has(CatalogTools.FREE_BUSY)) {
      ObjectNode q = Json.object().put("from", today.minusDays(MEETING_DAYS).toString())
          .put("to", today.plusDays(MEETING_DAYS).toString());
      q.putArray("people").add(c.email());
      try {
        JsonNode out = tools.call(CatalogTools.FREE_BUSY, q).orElse(null);
        if (out != null) {
          for (JsonNode person : out.path("people")) {
            if (person.path("person").asString("").equalsIgnoreCase(c.email())) {
              meetings = person.path("busy").size();
            }
          }
        }
      } catch (RuntimeException e) {
        // why: the calendar is evidence, not a need; a calendar that cannot answer gives none
        meetings = 0;
      }
    }
    return new Presence(folder, documents, meetings);
  }

  /** The workspace folder of the contact's organisation (by its name or their address). */
  private String folderOf(Person.Candidate c) {
    Set<String> words = new HashSet<>();
    for (String w : (c.organization() + " " + c.email().replace('@', ' ').replace('.', ' '))
        .split("\\s+")) {
      if (w.length() >= 3) {
        words.add(RequestWords.fold(w));
      }
    }
    for (String folder : finder.projectFolders()) {
      if (words.contains(RequestWords.fold(leaf(folder)))) {
        return folder;
      }
    }
    return null;
  }

  private static String leaf(String folder) {
    String leaf = folder.substring(folder.lastIndexOf('/') + 1);
    return leaf.isEmpty() ? leaf : leaf.substring(0, 1).toUpperCase(Locale.ROOT)
        + leaf.substring(1);
  }

  /** Whether the contact belongs to something the request named. */
  private static boolean member(Person.Candidate c, List<String> context) {
    return context.stream().anyMatch(w -> mentions(c, w));
  }

  private static boolean mentions(Person.Candidate c, String word) {
    String w = RequestWords.fold(word);
    if (w.length() < 3) {
      return false;
    }
    for (String part : (c.organization() + " " + c.email().replace('@', ' ').replace('.', ' '))
        .split("\\s+")) {
      if (RequestWords.fold(part).equals(w)) {
        return true;
      }
    }
    return false;
  }

  private String pick(String he, String en) {
    return Languages.HEBREW.equals(language) ? he : en;
  }
}
