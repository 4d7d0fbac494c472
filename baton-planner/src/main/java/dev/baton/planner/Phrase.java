package dev.baton.planner;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A word or a run of words in a lexicon, folded. It matches a request at a position when each of
 * its words equals one of the forms of the request's word there, so Hebrew prefixes do not hide it.
 */
record Phrase(List<String> words) {
  Phrase {
    words = List.copyOf(words);
  }

  static Phrase of(String text) {
    return new Phrase(Arrays.stream(text.split(" ")).map(RequestWords::fold).toList());
  }

  /** How many words it covers at {@code i}; 0 when it does not match or a word is taken. */
  int matchAt(RequestWords request, int i, Set<Integer> used) {
    if (i + words.size() > request.size()) {
      return 0;
    }
    for (int k = 0; k < words.size(); k++) {
      if (used.contains(i + k) || !request.get(i + k).is(words.get(k))) {
        return 0;
      }
    }
    return words.size();
  }
}
