package dev.baton.planner;

import java.util.List;

/**
 * A person the request names, as the contacts back end matched them: {@code said} is the name as
 * written (without Hebrew prefixes), {@code matches} the candidates best first, {@code ambiguous}
 * when the back end found the best two too close to choose.
 */
record Person(String said, List<Candidate> matches, boolean ambiguous) {
  Person {
    matches = List.copyOf(matches);
  }

  /** A contact that matched, and how well (0..1). */
  record Candidate(String name, String email, String organization, double score) {
    String described() {
      return organization.isBlank() ? name : name + " (" + organization + ")";
    }
  }

  Candidate best() {
    return matches.getFirst();
  }
}
