package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.engine.Submission;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.feedback.Feedback;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.plan.PlanCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Well-rated plans come back as examples for similar requests; badly rated ones never. */
class LearningTest {
  @TempDir
  Path home;

  @Test
  void examplesAreTheMostSimilarWellRatedPlansOfTheTenant() {
    try (BatonApp app = BatonApp.open(ConfigLoader.load(home, Map.of(), Map.of()))) {
      ExecutionId meetNoa = submit(app, "schedule a meeting with Noa tomorrow at 10");
      ExecutionId summary = submit(app, "summarise the Tevuot documents from December");
      ExecutionId meetDana = submit(app, "schedule a meeting with Dana next week");
      rate(app, meetNoa, Feedback.Rating.GOOD);
      rate(app, summary, Feedback.Rating.GOOD);
      rate(app, meetDana, Feedback.Rating.BAD);

      var examples = Learning.examples(app.store(), "default",
          "תקבע פגישה עם Noa ביום ראשון", 3);
      var english = Learning.examples(app.store(), "default",
          "please schedule a meeting with Noa on Sunday", 3);

      assertThat(english).extracting(PlanContext.Example::request)
          .containsExactly("schedule a meeting with Noa tomorrow at 10");
      assertThat(examples).extracting(PlanContext.Example::request)
          .doesNotContain("schedule a meeting with Dana next week",
              "summarise the Tevuot documents from December");
      assertThat(Learning.examples(app.store(), "other", "schedule a meeting with Noa", 3))
          .isEmpty();
    }
  }

  @Test
  void anAnswerGivenThroughTheEngineIsRememberedWhicheverSurfaceGaveIt() throws Exception {
    // the HTTP API, the dashboard and MCP answer through the engine, not through the CLI
    try (BatonApp app = BatonApp.open(ConfigLoader.load(home, Map.of(), Map.of()))) {
      var plan = app.plan("תקבע פגישה עם יואב").plan();
      ExecutionId id = app.engine().submit(new Submission(null, plan, "תקבע פגישה עם יואב",
          "default", ExecutionOptions.DEFAULTS)).id();
      var asked = app.engine().await(id, s -> !s.pendingQuestions().isEmpty(),
          java.time.Duration.ofSeconds(30)).pendingQuestions().getFirst();
      String first = asked.input().path("candidates").get(0).path("value").asString();

      app.engine().answer(asked.id(), dev.baton.core.json.Json.object().put("value", first),
          "http:dana");

      for (int i = 0; i < 100 && app.resolutions().list("default").isEmpty(); i++) {
        Thread.sleep(100);
      }
      assertThat(app.resolutions().list("default"))
          .extracting(r -> r.name() + " → " + r.value()).containsExactly("יואב → " + first);
      app.engine().cancel(id, "test");
    }
  }

  private static ExecutionId submit(BatonApp app, String request) {
    return app.engine().submit(new Submission(null, PlanCodec.parse("""
        {"steps":[{"id":"wait","tool":"demo.sleep","args":{"millis":1,"text":"x"}}]}"""),
        request, "default", ExecutionOptions.DEFAULTS)).id();
  }

  private static void rate(BatonApp app, ExecutionId id, Feedback.Rating rating) {
    app.feedback().record(new Feedback("default", id, rating, null, "tester", Instant.now()));
  }
}
