package dev.baton.planner;

import dev.baton.core.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds what the request's remaining words name by asking the back ends through the catalogue:
 * projects among the workspace's folders ({@code files.list}) and in its documents' titles
 * ({@code files.search}), people in the contacts ({@code contacts.find}). Each word is tried as
 * written and without its Hebrew prefixes. One instance serves one request.
 */
final class EntityFinder {
  /** A name's match is exact from this name score up: the same word, or one transliterated. */
  static final double EXACT = 0.95;
  /** Below this a word that follows "with" does not name anyone in the contacts. */
  private static final double CUED_SCORE = 0.5;
  /** Two words are one (perhaps mistyped) name when both matched the same person this well. */
  private static final double FULL_NAME_SCORE = 0.8;
  /** The contacts back end gives name scores scaled to this (the rest is context). */
  private static final double NAME_SHARE = 0.85;
  /** A word names a project when this many titles in one folder carry it. */
  private static final int PROJECT_TITLES = 2;
  private static final int SEARCH_LIMIT = 50;
  private static final int CONTACT_LIMIT = 8;

  private final CatalogTools tools;
  private final Map<String, List<Person.Candidate>> people = new HashMap<>();
  private List<String> folders;

  EntityFinder(CatalogTools tools) {
    this.tools = tools;
  }

  /** A name in the request and the contacts it may mean (none: nobody by that name). */
  record Named(String said, List<Person.Candidate> candidates) {
    boolean exact() {
      return !candidates.isEmpty() && candidates.getFirst().nameScore() >= EXACT;
    }
  }

  /**
   * What the words named: a project, names of people, organisations said beside them (context
   * for telling people apart), and the rest.
   */
  record Found(Optional<Project> project, List<Named> people, List<String> organizations,
      List<String> topics) {}

  Found find(RequestWords words, Set<Integer> used, Set<Integer> personCues) {
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (!used.contains(i)) {
        open.add(i);
      }
    }
    Set<Integer> cued = new java.util.HashSet<>();
    for (int cue : personCues) {
      for (int k = cue; k < words.size() && !used.contains(k); k++) {
        cued.add(k);
      }
    }
    Project project = null;
    Map<Integer, Boolean> taken = new LinkedHashMap<>();
    for (int i : open) {
      if (project == null && !cued.contains(i) && !exactPerson(words.get(i))) {
        project = project(words.get(i)).orElse(null);
        if (project != null) {
          taken.put(i, true);
        }
      }
    }
    List<Named> found = new ArrayList<>();
    List<Integer> unknown = new ArrayList<>();
    List<Integer> rest = new ArrayList<>();
    for (int n = 0; n < open.size(); n++) {
      int i = open.get(n);
      if (taken.containsKey(i)) {
        continue;
      }
      boolean isCued = cued.contains(i);
      if (n + 1 < open.size() && open.get(n + 1) == i + 1 && !taken.containsKey(i + 1)) {
        Optional<Named> full = fullName(words.get(i), words.get(i + 1), isCued);
        if (full.isPresent()) {
          found.add(full.get());
          taken.put(i + 1, true);
          n++;
          continue;
        }
      }
      Optional<Named> one = Optional.empty();
      List<String> forms = stems(words.get(i));
      // why: a word not introduced by "with" loses at most one prefix letter; more would turn
      // ordinary words (השבועי → בועי) into names
      for (String form : isCued ? forms : forms.subList(0, Math.min(2, forms.size()))) {
        List<Person.Candidate> c = candidates(form);
        Named named = new Named(form, c);
        if (named.exact() && (one.isEmpty() || !one.get().exact()
            || c.getFirst().nameScore() > one.get().candidates().getFirst().nameScore())) {
          // why: the form that names someone best wins: "ויואב" is "and יואב" (a Hebrew name,
          // exactly), not a transliteration of an English Yoav; "ליואב" is not Levi
          one = Optional.of(named);
        } else if (isCued && one.isEmpty() && !c.isEmpty()
            && c.getFirst().nameScore() >= CUED_SCORE) {
          List<Person.Candidate> close = c.stream().filter(x -> typo(form, x)).toList();
          if (!close.isEmpty()) {
            one = Optional.of(new Named(form, close));
          }
        }
      }
      if (one.isPresent() && !one.get().exact() && isCued && isProjectOrOrg(words.get(i),
          found)) {
        one = Optional.empty();
      }
      if (one.isPresent()) {
        found.add(one.get());
      } else if (isCued) {
        unknown.add(i);
      } else {
        rest.add(i);
      }
    }
    // why: a word beside a name may be where the person is from (מתבואות, "of Startup"): it is
    // context for choosing among people, not a person nobody knows nor a subject to search for
    List<String> organizations = new ArrayList<>();
    List<String> topics = new ArrayList<>();
    for (int i : unknown) {
      Optional<String> org = organization(words.get(i), found);
      if (org.isPresent()) {
        organizations.add(org.get());
      } else if (project == null && (project = project(words.get(i)).orElse(null)) != null) {
        organizations.add(project.said());
      } else {
        // why: a name nobody knows keeps its letters (משה is not מ + שה); only "and" comes off
        String raw = words.get(i).raw();
        found.add(new Named(raw.startsWith("ו") && raw.length() >= 4 ? raw.substring(1) : raw,
            List.of()));
      }
    }
    for (int i : rest) {
      Optional<String> org = found.isEmpty() ? Optional.empty() : organization(words.get(i), found);
      if (org.isPresent()) {
        organizations.add(org.get());
      } else {
        topics.add(stems(words.get(i)).getLast());
      }
    }
    return new Found(Optional.ofNullable(project), found, organizations, topics);
  }

  /** Two words as one name ("Yoav Cohen", "ויואב כהן"), if the contacts know it well enough. */
  private Optional<Named> fullName(RequestWords.Word first, RequestWords.Word second,
      boolean cued) {
    List<String> seconds = stems(second);
    if (seconds.size() > 1 && second.hebrew() && second.raw().startsWith("ו")
        && new Named(seconds.get(1), candidates(seconds.get(1))).exact()) {
      // why: "דנה ונועה" is Dana and Noa, not one person
      return Optional.empty();
    }
    for (String form : stems(first).subList(0, Math.min(2, stems(first).size()))) {
      for (String last : List.of(seconds.getFirst(), seconds.getLast()).stream().distinct()
          .toList()) {
        String name = form + " " + last;
        List<Person.Candidate> c = candidates(name);
        Named named = new Named(name, c);
        if (named.exact() || (cued && !c.isEmpty()
            && c.getFirst().nameScore() >= FULL_NAME_SCORE)) {
          return Optional.of(named);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a contact's name is a plausible typo of {@code said}: close by the back end's
   * transliteration-aware skeletons, or one letter away from one of its names in the same script.
   */
  static boolean typo(String said, Person.Candidate c) {
    if (c.nameScore() >= 0.85) {
      return true;
    }
    String q = RequestWords.fold(said);
    List<String> names = new ArrayList<>(c.otherNames());
    names.add(c.name());
    for (String name : names) {
      for (String w : RequestWords.fold(name).split("\\s+")) {
        if (RequestWords.hebrew(w) == RequestWords.hebrew(q) && w.length() >= 2
            && editDistance(q, w) <= (q.length() >= 6 ? 2 : 1)) {
          return true;
        }
      }
    }
    return false;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private boolean exactPerson(RequestWords.Word word) {
    return new Named(word.raw(), candidates(stems(word).getFirst())).exact();
  }

  private boolean isProjectOrOrg(RequestWords.Word word, List<Named> found) {
    return organization(word, found).isPresent() || project(word).isPresent();
  }

  /** The word (or a form without prefixes) as an organisation of one of the people named. */
  private static Optional<String> organization(RequestWords.Word word, List<Named> found) {
    for (String form : stems(word)) {
      String folded = RequestWords.fold(form);
      if (folded.length() < 3) {
        continue;
      }
      for (Named n : found) {
        for (Person.Candidate c : n.candidates()) {
          for (String w : (c.organization() + " " + c.email().replace('@', ' ').replace('.', ' '))
              .split("\\s+")) {
            if (!w.isBlank() && RequestWords.fold(w).equals(folded)) {
              return Optional.of(form);
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Project> project(RequestWords.Word word) {
    for (String form : stems(word)) {
      String folded = RequestWords.fold(form);
      for (String folder : folders()) {
        String leaf = folder.substring(folder.lastIndexOf('/') + 1);
        if (RequestWords.fold(leaf).equals(folded)) {
          return Optional.of(new Project(folder, display(leaf), form, "folder"));
        }
      }
    }
    for (String form : stems(word)) {
      if (form.length() < 3) {
        continue;
      }
      ObjectNode query = Json.object().put("query", form).put("limit", SEARCH_LIMIT);
      JsonNode out = tools.call(CatalogTools.SEARCH, query).orElse(null);
      if (out == null) {
        return Optional.empty();
      }
      Map<String, Integer> titledIn = new HashMap<>();
      String folded = RequestWords.fold(form);
      for (JsonNode hit : out.path("hits")) {
        if (RequestWords.fold(hit.path("title").asString("")).contains(folded)) {
          titledIn.merge(parent(hit.path("path").asString("")), 1, Integer::sum);
        }
      }
      Optional<Map.Entry<String, Integer>> best = titledIn.entrySet().stream()
          .filter(e -> !e.getKey().isEmpty())
          .max(Map.Entry.comparingByValue());
      if (best.isPresent() && best.get().getValue() >= PROJECT_TITLES) {
        String folder = best.get().getKey();
        return Optional.of(new Project(folder, display(folder.substring(folder.lastIndexOf('/')
            + 1)), form, "titles"));
      }
    }
    return Optional.empty();
  }

  /** The contacts whose names match {@code name}, best first, with name scores (no context). */
  List<Person.Candidate> candidates(String name) {
    List<Person.Candidate> cached = people.get(name);
    if (cached == null) {
      cached = lookUp(name);
      people.put(name, cached);
    }
    return cached;
  }

  private List<Person.Candidate> lookUp(String name) {
    ObjectNode input = Json.object().put("name", name).put("limit", CONTACT_LIMIT);
    JsonNode out = tools.call(CatalogTools.CONTACTS, input).orElse(null);
    if (out == null) {
      return List.of();
    }
    List<Person.Candidate> candidates = new ArrayList<>();
    for (JsonNode m : out.path("matches")) {
      List<String> other = new ArrayList<>();
      m.path("otherNames").forEach(o -> other.add(o.asString("")));
      candidates.add(new Person.Candidate(m.path("name").asString(""),
          m.path("email").asString(""), m.path("organization").asString(""),
          Math.min(1.0, m.path("score").asDouble(0) / NAME_SHARE + 1e-9), other, ""));
    }
    return candidates;
  }

  /** The workspace's folders (projects), read once. */
  List<String> projectFolders() {
    return folders();
  }

  private List<String> folders() {
    if (folders == null) {
      folders = new ArrayList<>();
      JsonNode out = tools.call(CatalogTools.LIST, Json.object().put("recursive", true))
          .orElse(null);
      if (out != null) {
        for (JsonNode e : out.path("entries")) {
          if (e.path("folder").asBoolean(false) && !e.path("path").asString("").startsWith(".")) {
            folders.add(e.path("path").asString());
          }
        }
      }
    }
    return folders;
  }

  /** The word's forms as written (case kept), longest first. */
  private static List<String> stems(RequestWords.Word word) {
    List<String> out = new ArrayList<>();
    String raw = word.raw();
    String folded = word.folded();
    for (String form : word.forms()) {
      // why: forms are folded; cut the raw word the same way to keep its case
      out.add(folded.endsWith(form) ? raw.substring(raw.length() - form.length())
          : raw.substring(0, form.length()));
    }
    return out.stream().distinct().toList();
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static String display(String leaf) {
    String words = leaf.replace('-', ' ').replace('_', ' ');
    return words.isEmpty() ? words
        : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }
}
