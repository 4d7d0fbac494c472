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
  /** A word that follows "with" needs only a plausible match; any other word a good one. */
  private static final double CUED_SCORE = 0.55;
  private static final double UNCUED_SCORE = 0.75;
  /** Two words are one name only when both matched the same person well. */
  private static final double FULL_NAME_SCORE = 0.8;
  /** A word names a project when this many titles in one folder carry it. */
  private static final int PROJECT_TITLES = 2;
  private static final int SEARCH_LIMIT = 50;
  private static final int CONTACT_LIMIT = 5;

  private final CatalogTools tools;
  private final Map<String, Optional<Person>> people = new HashMap<>();
  private List<String> folders;

  EntityFinder(CatalogTools tools) {
    this.tools = tools;
  }

  /** What the words named: a project, people, the words meant as people but not found, and the rest. */
  record Found(Optional<Project> project, List<Person> people, List<String> unknownPeople,
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
      if (project == null && !cued.contains(i)) {
        project = project(words.get(i)).orElse(null);
        if (project != null) {
          taken.put(i, true);
        }
      }
    }
    List<String> context = project == null ? List.of() : project.names();
    List<Person> found = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> topics = new ArrayList<>();
    for (int n = 0; n < open.size(); n++) {
      int i = open.get(n);
      if (taken.containsKey(i)) {
        continue;
      }
      boolean isCued = cued.contains(i);
      if (n + 1 < open.size() && open.get(n + 1) == i + 1 && !taken.containsKey(i + 1)) {
        Optional<Person> full = person(words.get(i).raw() + " " + words.get(i + 1).raw(),
            context, FULL_NAME_SCORE);
        if (full.isPresent()) {
          found.add(full.get());
          taken.put(i + 1, true);
          n++;
          continue;
        }
      }
      Optional<Person> one = Optional.empty();
      List<String> forms = stems(words.get(i));
      // why: a word not introduced by "with" loses at most one prefix letter; more would turn
      // ordinary words (השבועי → בועי) into names
      for (String form : isCued ? forms : forms.subList(0, Math.min(2, forms.size()))) {
        Optional<Person> p = person(form, context, isCued ? CUED_SCORE : UNCUED_SCORE);
        if (p.isPresent() && (one.isEmpty() || p.get().best().score() > one.get().best().score())) {
          one = p;
        }
      }
      if (one.isPresent()) {
        found.add(one.get());
      } else if (isCued) {
        unknown.add(words.get(i).raw());
      } else {
        topics.add(stems(words.get(i)).getLast());
      }
    }
    return new Found(Optional.ofNullable(project), found, unknown, topics);
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

  private Optional<Person> person(String name, List<String> context, double minScore) {
    String key = name + "|" + context;
    Optional<Person> cached = people.get(key);
    if (cached == null) {
      cached = lookUp(name, context);
      people.put(key, cached);
    }
    return cached.filter(p -> p.best().score() >= minScore);
  }

  private Optional<Person> lookUp(String name, List<String> context) {
    ObjectNode input = Json.object().put("name", name).put("limit", CONTACT_LIMIT);
    if (!context.isEmpty()) {
      var array = input.putArray("context");
      context.forEach(array::add);
    }
    JsonNode out = tools.call(CatalogTools.CONTACTS, input).orElse(null);
    if (out == null || out.path("matches").isEmpty()) {
      return Optional.empty();
    }
    List<Person.Candidate> candidates = new ArrayList<>();
    for (JsonNode m : out.path("matches")) {
      candidates.add(new Person.Candidate(m.path("name").asString(""),
          m.path("email").asString(""), m.path("organization").asString(""),
          m.path("score").asDouble(0)));
    }
    return Optional.of(new Person(name, candidates, out.path("ambiguous").asBoolean(false)));
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
