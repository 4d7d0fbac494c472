package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.app.Learning;
import dev.baton.core.exec.Question;
import java.time.Instant;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/** Remembers a person's answer about a name for the tenant, and says so. */
final class Remember {
  private Remember() {}

  static BiConsumer<Question, JsonNode> in(BatonApp app) {
    return (q, answer) -> {
      if (Learning.remember(app.resolutions(), app.config().tenant(), q, answer, Instant.now())) {
        System.out.println("remembered: \"" + q.input().path("name").asString() + "\" ("
            + q.input().path("purpose").asString() + ") means "
            + answer.path("value").asString() + "; baton forget "
            + q.input().path("name").asString() + " to undo");
      }
    };
  }
}
