package dev.baton.tools.contacts;

import dev.baton.tools.text.Folding;
import dev.baton.tools.text.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Ranks contacts against a name typed in either script. Pure. Per word: the same folded word scores
 * 1; the same consonant skeleton across scripts 0.95 (as good as transliteration can tell), within
 * one script 0.85; a typed prefix 0.7; a skeleton one edit away 0.6. A contact's score is the mean
 * over the query's words of the best word it has, scaled to 0.85, plus 0.15 when the context words
 * (a project, a company) match its organisation, note or address.
 */
public final class NameMatcher {
  /** Below this a contact is not a match at all. */
  public static final double THRESHOLD = 0.5;
  /** Two matches closer than this are reported as ambiguous. */
  public static final double AMBIGUITY_MARGIN = 0.1;

  private NameMatcher() {}

  /** A contact and how well it matched. */
  public record Scored(Contact contact, double score) {}

  /** Matching contacts, best first (ties by name); never more than {@code limit}. */
  public static List<Scored> rank(String query, List<String> context, List<Contact> contacts,
      int limit) {
    List<String> words = Words.of(query);
    if (words.isEmpty()) {
      return List.of();
    }
    List<String> contextWords = new ArrayList<>();
    context.forEach(c -> contextWords.addAll(Words.of(c)));
    List<Scored> out = new ArrayList<>();
    for (Contact c : contacts) {
      double name = nameScore(words, c);
      if (name < THRESHOLD) {
        continue;
      }
      double score = name * 0.85 + (matchesContext(contextWords, c) ? 0.15 : 0.0);
      out.add(new Scored(c, Math.round(score * 1000) / 1000.0));
    }
    out.sort(Comparator.comparingDouble(Scored::score).reversed()
        .thenComparing(s -> s.contact().name()));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  /** Whether the best two are too close to pick one without asking. */
  public static boolean ambiguous(List<Scored> ranked) {
    return ranked.size() > 1
        && ranked.get(0).score() - ranked.get(1).score() < AMBIGUITY_MARGIN;
  }

  static double nameScore(List<String> queryWords, Contact c) {
    List<String> names = new ArrayList<>();
    names.add(c.name());
    names.addAll(c.otherNames());
    double best = 0;
    for (String name : names) {
      List<String> nameWords = Words.of(name);
      double sum = 0;
      for (String q : queryWords) {
        double wordBest = 0;
        for (String w : nameWords) {
          wordBest = Math.max(wordBest, wordScore(q, w));
        }
        sum += wordBest;
      }
      best = Math.max(best, sum / queryWords.size());
    }
    return best;
  }

  static double wordScore(String query, String word) {
    String q = Folding.fold(query);
    String w = Folding.fold(word);
    if (q.equals(w)) {
      return 1.0;
    }
    Set<String> qs = NameSkeleton.of(q);
    Set<String> ws = NameSkeleton.of(w);
    boolean crossScript = Folding.containsHebrew(q) != Folding.containsHebrew(w);
    if (qs.stream().anyMatch(ws::contains)) {
      return crossScript ? 0.95 : 0.85;
    }
    if (q.length() >= 2 && w.startsWith(q)) {
      return 0.7;
    }
    for (String a : qs) {
      for (String b : ws) {
        if (a.length() >= 2 && b.length() >= 2 && oneEditApart(a, b)) {
          return 0.6;
        }
      }
    }
    return 0.0;
  }

  private static boolean matchesContext(List<String> contextWords, Contact c) {
    if (contextWords.isEmpty()) {
      return false;
    }
    List<String> about = new ArrayList<>(Words.of(c.organization()));
    about.addAll(Words.of(c.note()));
    c.emails().forEach(e -> about.addAll(Words.of(e.replace('.', ' ').replace('@', ' '))));
    for (String cw : contextWords) {
      for (String a : about) {
        if (wordScore(cw, a) >= 0.85) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean oneEditApart(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 1) {
      return false;
    }
    int i = 0;
    int j = 0;
    int edits = 0;
    while (i < a.length() && j < b.length()) {
      if (a.charAt(i) == b.charAt(j)) {
        i++;
        j++;
        continue;
      }
      if (++edits > 1) {
        return false;
      }
      if (a.length() > b.length()) {
        i++;
      } else if (a.length() < b.length()) {
        j++;
      } else {
        i++;
        j++;
      }
    }
    return edits + (a.length() - i) + (b.length() - j) <= 1;
  }
}
