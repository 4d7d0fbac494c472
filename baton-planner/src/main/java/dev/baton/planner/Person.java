package dev.baton.planner;

import java.util.List;

/**
 * A person the request names and what the planner made of the name: {@code said} is the name as
 * written (without Hebrew prefixes); {@code matches} the contacts it may mean, best first, each
 * with the reason it is offered; {@code kind} whether one was chosen, the person must choose, or
 * nobody matched; {@code evidence} why the first was chosen; {@code context} the words (projects,
 * organisations) that tell the contacts back end which one is meant.
 */
record Person(String said, List<Candidate> matches, Kind kind, String evidence,
    List<String> context) {
  Person {
    matches = List.copyOf(matches);
    context = List.copyOf(context);
    evidence = evidence == null ? "" : evidence;
  }

  /** What the planner could make of a name. */
  enum Kind {
    /** One contact is meant; the plan looks them up. */
    RESOLVED,
    /** Several may be meant: the person chooses ({@code ask.choose}). */
    CHOOSE,
    /** Nobody in the contacts: the person gives the address ({@code ask.fill}). */
    UNKNOWN
  }

  /** A contact that matched: how well its name matched (0..1) and why it is offered. */
  record Candidate(String name, String email, String organization, double nameScore,
      List<String> otherNames, String reason) {
    Candidate {
      otherNames = List.copyOf(otherNames);
      reason = reason == null ? "" : reason;
    }

    String described() {
      return organization.isBlank() ? name : name + " (" + organization + ")";
    }

    Candidate because(String why) {
      return new Candidate(name, email, organization, nameScore, otherNames, why);
    }
  }

  /** The key a name is remembered by: as said, trimmed, lower-case (Hebrew letters kept). */
  static String key(String said) {
    return said.strip().toLowerCase(java.util.Locale.ROOT);
  }

  boolean ambiguous() {
    return kind == Kind.CHOOSE;
  }

  Candidate best() {
    return matches.getFirst();
  }

  /** The name to show: the contact's when one was chosen, else as said. */
  String shown() {
    return kind == Kind.RESOLVED ? best().name() : said;
  }
}
