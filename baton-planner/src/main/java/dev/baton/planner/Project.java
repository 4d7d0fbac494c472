package dev.baton.planner;

import java.util.List;

/**
 * A project the request names, found as a workspace folder. {@code said} is the word as the person
 * wrote it without prefixes (תבואות), {@code name} the folder's name (Tevuot); {@code how} says how
 * it was found, for the reasons.
 */
record Project(String folder, String name, String said, String how) {
  /** The words that find its documents: what was said and the folder's name, once each. */
  List<String> names() {
    return RequestWords.fold(said).equals(RequestWords.fold(name)) ? List.of(name)
        : List.of(said, name);
  }

  /** The name to show in a language: what was said when it was said in that script. */
  String in(String language) {
    return Languages.HEBREW.equals(language) == RequestWords.hebrew(said) ? said : name;
  }
}
