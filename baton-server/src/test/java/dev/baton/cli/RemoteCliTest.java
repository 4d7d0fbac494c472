package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.ExecutionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a client of a real server: same output, same exit codes, 7 when unreachable. */
class RemoteCliTest {
  @TempDir
  Path home;

  @Test
  void approveAndCancelThroughTheServer() throws Exception {
    try (var s = dev.baton.server.TestServers.start(home)) {
      String url = s.server().uri().toString();
      String key = s.server().localAdminKey();
      var started = s.post("/api/v1/executions", key, """
          {"plan": {"steps": [
            {"id": "send", "tool": "demo.notify", "args": {"to": "Yoav", "message": "hi"}}]}}""");
      String id = started.json().get("id").asString();
      s.app().engine().await(ExecutionId.of(id), st -> !st.pendingApprovals().isEmpty(),
          Duration.ofSeconds(30));
      String approval = s.app().store().pendingApprovals(null).get(0).id().value();

      assertThat(Main.run("--home", home.toString(), "--server", url, "approve", approval))
          .isEqualTo(ExitCodes.OK);
      s.app().engine().awaitEnd(ExecutionId.of(id), Duration.ofSeconds(30));
      assertThat(Main.run("--home", home.toString(), "--server", url, "cancel", id))
          .isEqualTo(ExitCodes.CONFLICT);
      assertThat(Main.run("--home", home.toString(), "--server", url, "pause",
          ExecutionId.random().value())).isEqualTo(ExitCodes.NOT_FOUND);
      assertThat(Main.run("--home", home.toString(), "--server", "http://127.0.0.1:9", "pause",
          id)).isEqualTo(ExitCodes.SERVER_UNREACHABLE);
    }
  }

  @Test
  void answerAQuestionThroughTheServer() throws Exception {
    try (var s = dev.baton.server.TestServers.start(home)) {
      String url = s.server().uri().toString();
      String key = s.server().localAdminKey();
      var started = s.post("/api/v1/executions", key, """
          {"plan": {"steps": [{"id": "who", "tool": "ask.choose", "args": {
            "question": "Which Yoav?", "candidates": [
              {"value": "yoav.cohen@example.com", "label": "Yoav Cohen", "reason": "Tevuot"},
              {"value": "yoav.levi@example.com", "label": "Yoav Levi", "reason": "finance"}]}}]}}""");
      ExecutionId id = ExecutionId.of(started.json().get("id").asString());
      s.app().engine().await(id, st -> !st.pendingQuestions().isEmpty(), Duration.ofSeconds(30));

      assertThat(Main.run("--home", home.toString(), "--server", url, "answer", id.value(), "3"))
          .isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(Main.run("--home", home.toString(), "--server", url, "answer",
          id.value() + ".nope.1", "1")).isEqualTo(ExitCodes.NOT_FOUND);
      int[] exit = new int[1];
      String said = capture(() -> Main.run("--home", home.toString(), "--server", url, "answer",
          id.value(), "2"), exit);

      assertThat(exit[0]).as(said).isEqualTo(ExitCodes.OK);
      assertThat(said).startsWith("answered " + id.value() + ".who.1");
      var end = s.app().engine().awaitEnd(id, Duration.ofSeconds(30));
      assertThat(end.step(dev.baton.core.plan.StepId.of("who")).output().path("value")
          .asString()).isEqualTo("yoav.levi@example.com");
    }
  }

  static String capture(java.util.concurrent.Callable<Integer> run, int[] exit) throws Exception {
    var buffer = new java.io.ByteArrayOutputStream();
    var console = System.out;
    System.setOut(new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      exit[0] = run.call();
    } finally {
      System.setOut(console);
    }
    return buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void runAndStatusThroughTheServerPrintWhatTheyPrintInProcess() throws Exception {
    try (var s = dev.baton.server.TestServers.start(home)) {
      String url = s.server().uri().toString();
      Path plan = home.resolve("plan.json");
      Files.writeString(plan, """
          {"steps": [{"id": "a", "tool": "demo.sleep", "args": {"millis": 1, "text": "x"}},
                     {"id": "send", "tool": "demo.notify", "args": {"to": "Yoav", "message": "hi"}}]}""");
      int[] exit = new int[1];
      String waiting = capture(() -> Main.run("--home", home.toString(), "--server", url, "run",
          "--plan", plan.toString()), exit);
      assertThat(exit[0]).as(waiting).isEqualTo(ExitCodes.WAITING);
      assertThat(waiting).contains("waits for a person");
      String ran = capture(() -> Main.run("--home", home.toString(), "--server", url, "run",
          "--plan", plan.toString(), "--yes"), exit);
      assertThat(exit[0]).as(ran).isEqualTo(ExitCodes.OK);
      String id = s.app().store().list(null, 1).get(0).id().value();
      String remote = capture(() -> Main.run("--home", home.toString(), "--server", url,
          "status", id), exit);
      String local = capture(() -> Main.run("--home", home.toString(), "status", id), exit);
      assertThat(remote).isEqualTo(local).contains("succeeded");
      String remoteList = capture(() -> Main.run("--home", home.toString(), "--server", url,
          "status"), exit);
      String localList = capture(() -> Main.run("--home", home.toString(), "status"), exit);
      // why: the age column moves on between the two calls
      assertThat(remoteList.replaceAll("[0-9.]+[smhd] ago", "ago"))
          .isEqualTo(localList.replaceAll("[0-9.]+[smhd] ago", "ago")).contains("plan.json");
    }
  }

  @Test
  void keysAreMadeListedAndRevokedFromTheCommandLine() throws Exception {
    Path out = home.resolve("out.txt");
    var console = System.out;
    try (var print = new java.io.PrintStream(Files.newOutputStream(out), true)) {
      System.setOut(print);
      assertThat(Main.run("--home", home.toString(), "keys", "create", "--role", "viewer",
          "--name", "ci")).isZero();
      assertThat(Main.run("--home", home.toString(), "keys", "list")).isZero();
    } finally {
      System.setOut(console);
    }
    String text = Files.readString(out);
    String key = text.lines().findFirst().orElseThrow();
    assertThat(key).startsWith("bt_");
    String id = key.substring(0, 11);
    assertThat(text).contains(id + " ").contains("viewer").contains("active");
    assertThat(text.lines().skip(1).toList().toString()).doesNotContain(key);
    assertThat(Main.run("--home", home.toString(), "keys", "revoke", id)).isZero();
  }
}
