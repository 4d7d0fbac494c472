package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.BatonApp;
import dev.baton.app.ConfigLoader;
import dev.baton.core.engine.Submission;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanProposal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11 through the CLI: each class of request planned by {@code baton plan}, and a clarifying
 * question in {@code baton run} answered at the prompt, from another process, and by its timeout;
 * an answer is remembered, listed, used instead of asking again, and forgotten.
 */
class ClarifyingQuestionsCliTest {
  static final String MEET_YOAV = "תקבע פגישה עם יואב";

  @TempDir
  Path home;

  private CliHarness.Result baton(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--home";
    all[1] = home.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliHarness.run(all);
  }

  @Test
  void planAsksWhichYoavWithTheEvidenceForEachInsteadOfRefusing() {
    CliHarness.Result r = baton("plan", MEET_YOAV);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("ask.choose", "לאיזה יואב", "יואב כהן (תבואות)",
        "Yoav Levi (Levi Design)", "Tevuot").doesNotContain("יואל");
  }

  @Test
  void planUsesTheProjectNamedToChooseAndShowsTheEvidence() {
    CliHarness.Result r = baton("plan", "schedule a meeting with Yoav from Tevuot next week");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("contacts.find", "member of תבואות, named in the request",
        "of Tevuot's documents").doesNotContain("ask.choose");
  }

  @Test
  void planReadsHebrewPrefixesOnOrganisationsAsContextNotAsPeople() {
    CliHarness.Result r = baton("plan", "--json", "תקבע פגישה עם יואב כהן מתבואות מחר בעשר");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode contact = step(r.out(), "contact");
    assertThat(contact.path("args").path("context").toString()).contains("תבואות");
    assertThat(step(r.out(), "meeting").path("args").path("start").asString())
        .endsWith("T10:00");
  }

  @Test
  void calendarQuestionsGiveValidReadOnlyPlans() {
    CliHarness.Result busy = baton("plan", "--json", "What's on my calendar on Sunday?");
    assertThat(busy.exit()).as(busy.err()).isZero();
    assertThat(tools(busy.out())).isEqualTo("[calendar.free_busy]");
    CliHarness.Result free = baton("plan", "--json", "When are Noa and Dana free next week?");
    assertThat(tools(free.out())).isEqualTo("[contacts.find, contacts.find, calendar.find_slot]");
    CliHarness.Result conflicts = baton("plan", "--json", "am I free on Thursday at 3pm?");
    assertThat(conflicts.exit()).as(conflicts.err()).isZero();
    assertThat(tools(conflicts.out())).isEqualTo("[calendar.check_conflicts]");
  }

  @Test
  void combinedRequestsKeepBothHalvesAndSummariesSearchThenSummarise() {
    CliHarness.Result both = baton("plan", "--json",
        "Find Dana's details and summarise the Tevuot files");
    assertThat(tools(both.out())).isEqualTo(
        "[files.search, analysis.summarize, contacts.find]");
    CliHarness.Result wrote = baton("plan", "--json", "summarise what we wrote about the pilot");
    assertThat(tools(wrote.out())).isEqualTo("[files.search, analysis.summarize]");
  }

  @Test
  void whatCannotBeDoneIsSaidInTheRequestsLanguageNotPlanned() {
    CliHarness.Result r = baton("plan", "book a hotel in Eilat for the weekend");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err() + r.out()).contains("I did not understand").doesNotContain("schema");
    CliHarness.Result he = baton("plan", "תמחק את כל הקבצים");
    assertThat(he.exit()).isNotZero();
    assertThat(he.err() + he.out()).contains("לא הבנתי");
  }

  @Test
  void planJsonIsStillAPlanFileThatValidates() throws Exception {
    CliHarness.Result r = baton("plan", "--json", MEET_YOAV);
    Path file = home.resolve("plan.json");
    Files.writeString(file, r.out());
    CliHarness.Result valid = baton("validate", file.toString());
    assertThat(valid.exit()).as(valid.out() + valid.err()).isZero();
  }

  @Test
  void answeredAtThePromptTheAnswerIsRememberedUsedAndForgotten() throws Exception {
    InputStream before = System.in;
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    try (BatonApp app = BatonApp.open(ConfigLoader.load(home, Map.of(), Map.of()))) {
      PlanProposal first = app.plan(MEET_YOAV);
      assertThat(first.plan().step(StepId.of("who"))).isPresent();
      // why: 1 chooses the first candidate (the Tevuot Yoav, ranked first by his documents and
      // meetings); then the meeting's approval
      System.setIn(new ByteArrayInputStream("1\na\n".getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(screen, true, StandardCharsets.UTF_8));
      Terminal terminal = new Terminal(System.out, true);
      try (Watcher watcher = new Watcher(app.engine(), terminal, Watcher.Mode.LIVE, false,
          "tester").onAnswer(Remember.in(app))) {
        ExecutionId id = app.engine().submit(new Submission(null, first.plan(), MEET_YOAV,
            "default", ExecutionOptions.DEFAULTS)).id();
        ExecutionState end = watcher.follow(id);
        assertThat(end.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(end.outputs().get(StepId.of("who")).path("value").asString())
            .isEqualTo("yoav.cohen@tevuot.co.il");
        assertThat(end.outputs().get(StepId.of("meeting")).toString())
            .contains("yoav.cohen@tevuot.co.il");
      }
      System.setOut(oldOut);
      assertThat(screen.toString(StandardCharsets.UTF_8)).contains("remembered: \"יואב\"");

      PlanProposal again = app.plan(MEET_YOAV);
      assertThat(again.plan().steps()).extracting(Step::tool).doesNotContain("ask.choose")
          .contains("contacts.find");
      assertThat(again.reasons().get(StepId.of("contact"))).contains("בחרת");
      PlanProposal otherWords = app.plan("תתאם עם יואב פגישה בשבוע הבא");
      assertThat(otherWords.plan().steps()).extracting(Step::tool)
          .doesNotContain("ask.choose");
    } finally {
      System.setIn(before);
      System.setOut(oldOut);
    }
    CliHarness.Result memory = baton("memory");
    assertThat(memory.out()).contains("יואב (meet) → יואב כהן (תבואות) <yoav.cohen@tevuot.co.il>");
    CliHarness.Result forget = baton("forget", "יואב");
    assertThat(forget.out()).contains("forgot 1 answer");
    assertThat(baton("plan", MEET_YOAV).out()).contains("ask.choose");
  }

  @Test
  void answeredFromAnotherProcessTheMeetingGoesToTheChosenPerson() throws Exception {
    Files.writeString(home.resolve("baton.properties"), "engine.poll-interval=100ms\n");
    baton("demo", "--no-run");
    try (ChildBaton run = ChildBaton.start(home, "run", MEET_YOAV, "--wait")) {
      String line = run.awaitLine(l -> l.contains("baton answer ") && l.contains(".who."),
          Duration.ofSeconds(90));
      String question = line.replaceAll(".*baton answer (\\S+) .*", "$1");
      String listed = run.output();
      int levi = listed.lines().filter(l -> l.matches("\\s*\\d+\\. Yoav Levi.*")).findFirst()
          .map(l -> l.strip().substring(0, l.strip().indexOf('.'))).map(Integer::valueOf)
          .orElseThrow(() -> new AssertionError(listed));
      CliHarness.Result answered = baton("answer", question, String.valueOf(levi));
      assertThat(answered.exit()).as(answered.err()).isZero();
      assertThat(answered.out()).contains("remembered");
      String approve = run.awaitLine(l -> l.contains("baton approve ") && l.contains(".meeting."),
          Duration.ofSeconds(60)).replaceAll(".*baton approve (\\S+\\.meeting\\.\\d+).*", "$1");
      assertThat(baton("approve", approve).exit()).isZero();
      assertThat(run.awaitExit(Duration.ofSeconds(60))).as(run.output()).isZero();
    }
    // why: iCalendar folds long lines; unfolded, the new event invites the Yoav chosen
    assertThat(Files.readString(home.resolve("workspace").resolve("calendar.ics"))
        .replace("\r\n ", "")).contains("mailto:yoav.levi@levidesign.example");
  }

  @Test
  void unansweredTheQuestionExpiresAndWhatNeedsTheAnswerIsSkipped() throws Exception {
    CliHarness.Result r = baton("run", MEET_YOAV, "--approval-timeout", "1s", "--on-expiry",
        "reject", "--wait");
    assertThat(r.out()).contains("question expired");
    CliHarness.Result status = baton("status");
    assertThat(status.out()).doesNotContain("pending question");
    assertThat(Files.readString(home.resolve("workspace").resolve("calendar.ics")))
        .doesNotContain("UID:" + "ex-");
  }

  @Test
  void feedbackRatesAnExecutionForTheTenant() {
    ExecutionId id;
    try (BatonApp app = BatonApp.open(ConfigLoader.load(home, Map.of(), Map.of()))) {
      id = app.engine().submit(new Submission(null, dev.baton.core.plan.PlanCodec.parse("""
          {"steps":[{"id":"wait","tool":"demo.sleep","args":{"millis":1,"text":"x"}}]}"""),
          "a request", "default", ExecutionOptions.DEFAULTS)).id();
    }
    CliHarness.Result good = baton("feedback", id.value(), "good", "--comment", "just right");
    assertThat(good.exit()).as(good.err()).isZero();
    assertThat(good.out()).contains("rated " + id.value() + " good");
    assertThat(baton("feedback", id.value(), "meh").exit()).isNotZero();
    try (BatonApp app = BatonApp.open(ConfigLoader.load(home, Map.of(), Map.of()))) {
      assertThat(app.feedback().of("default", id)).singleElement()
          .satisfies(f -> assertThat(f.comment()).isEqualTo("just right"));
    }
  }

  private static JsonNode step(String planJson, String id) {
    for (JsonNode s : Json.parse(planJson, dev.baton.core.error.ErrorCode.PLAN_INVALID, "plan").path("steps")) {
      if (s.path("id").asString().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no step " + id + " in " + planJson);
  }

  private static String tools(String planJson) {
    java.util.List<String> out = new java.util.ArrayList<>();
    Json.parse(planJson, dev.baton.core.error.ErrorCode.PLAN_INVALID, "plan").path("steps")
        .forEach(s -> out.add(s.path("tool").asString()));
    return out.toString();
  }
}
