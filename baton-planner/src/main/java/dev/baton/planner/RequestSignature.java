package dev.baton.planner;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a request is about, without a model: the intents it names and the words left once the
 * lexicon's words are taken (names, projects, subjects), folded and without Hebrew prefixes. Two
 * requests are similar as much as their signatures overlap (Jaccard), so "schedule a meeting with
 * Noa" is near "תקבע פגישה עם נועה" only through what they share. Pure.
 */
public record RequestSignature(Set<String> intents, Set<String> entities) {
  public RequestSignature {
    intents = Set.copyOf(intents);
    entities = Set.copyOf(entities);
  }

  public static RequestSignature of(String request) {
    RequestWords words = RequestWords.of(request);
    IntentRecognizer.Recognized r = IntentRecognizer.recognize(words);
    Set<String> intents = new TreeSet<>();
    r.strong().forEach(i -> intents.add(i.name()));
    r.weak().forEach(i -> intents.add(i.name()));
    if (r.findVerb()) {
      intents.add("FIND");
    }
    Set<String> entities = new TreeSet<>();
    for (RequestWords.Word w : words.words()) {
      if (!r.used().contains(w.index())) {
        List<String> forms = w.forms();
        String stem = w.hebrew() && forms.size() > 1 ? forms.get(1) : forms.getLast();
        if (stem.length() >= 2) {
          entities.add(stem);
        }
      }
    }
    return new RequestSignature(intents, entities);
  }

  /** Similarity in 0..1: intents weigh as much as entities; identical signatures score 1. */
  public double similarity(RequestSignature other) {
    return (jaccard(intents, other.intents) + jaccard(entities, other.entities)) / 2;
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return (double) both.size() / union.size();
  }
}
