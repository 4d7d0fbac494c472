package dev.baton.model;

import dev.baton.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads scripted answers, so tests can start from the plans the fake model gives. */
final class PlannerScripts {
  private PlannerScripts() {}

  /** The text of the first scripted answer of {@code model/<name>.json}. */
  static String answer(String name) {
    try (InputStream in = PlannerScripts.class.getResourceAsStream("/model/" + name + ".json")) {
      return Json.write(Json.mapper().readTree(in).path("responses").get(0).path("answer"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
