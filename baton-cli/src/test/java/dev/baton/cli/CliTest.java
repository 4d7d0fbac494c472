package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.port.ExecutionStore;
import dev.baton.store.jdbc.JdbcExecutionStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir
  Path home;

  private CliHarness.Result baton(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--home";
    all[1] = home.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliHarness.run(all);
  }

  private Path write(String name, String text) throws IOException {
    Path p = home.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private int storedExecutions() {
    try (ExecutionStore store = JdbcExecutionStore.sqlite(home.resolve("baton.db"))) {
      return store.list(null, 100).size();
    }
  }

  @Test
  void runsTheExamplePlanToTheEndWithApprovalsGivenUpFront() {
    CliHarness.Result r = baton("run", "--plan", Path.of("../examples/demo-plan.json").toString(),
        "--yes");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("✓ Execution", "succeeded", "approvals: 1", "retries: 1");
    assertThat(home.resolve("outbox.txt")).content().contains("December review of Tevuot");
  }

  @Test
  void aDryRunOfTheSeedRequestShowsEachApprovalInFullAndChangesNothing() {
    CliHarness.Result r = baton("run",
        "read what we did in December on Tevuot and set up a meeting with Yoav", "--dry-run=read");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Would end succeeded", "side-effecting calls made by the dry run: 0",
        "1. meeting (calendar.create_event) waits for approval",
        "2. agenda (editor.write) waits for approval");
    // the agenda's whole text follows its first line, indented
    String afterAgenda = r.out().substring(r.out().indexOf("2. agenda"));
    assertThat(afterAgenda.lines().skip(1).takeWhile(l -> l.startsWith("       ")).count())
        .isGreaterThan(3);
    assertThat(home.resolve("workspace/agendas")).doesNotExist();
  }

  @Test
  void printsEventsAsJsonLines() {
    CliHarness.Result r = baton("run", "--plan", Path.of("../examples/demo-plan.json").toString(),
        "--yes", "--json");
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines()).allSatisfy(l -> assertThat(l).startsWith("{\"type\":"));
    assertThat(r.out()).contains("\"type\":\"ApprovalRequested\"", "\"type\":\"StepSucceeded\"");
  }

  @Test
  void malformedJsonIsABadInputAndStoresNothing() throws IOException {
    Path plan = write("bad.json", "{\"steps\": [ {\"id\": ");
    CliHarness.Result r = baton("run", "--plan", plan.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("The plan is not valid JSON", "line 1");
    assertThat(Files.exists(home.resolve("baton.db")) ? storedExecutions() : 0).isZero();
  }

  @Test
  void invalidPlanListsEveryProblemAndStoresNothing() throws IOException {
    Path plan = write("invalid.json", """
        {"steps":[
          {"id":"a","tool":"demo.nope","args":{}},
          {"id":"a","tool":"demo.sleep","args":{"millis":"soon"}},
          {"id":"c","tool":"demo.sleep","args":{"millis":1,"text":{"$ref":"ghost#/text"}}},
          {"id":"d","tool":"demo.sleep","args":{"millis":1},"after":["e"]},
          {"id":"e","tool":"demo.sleep","args":{"millis":1},"after":["d"]}
        ]}""");
    CliHarness.Result r = baton("run", "--plan", plan.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("/steps/0/tool", "unknown tool 'demo.nope'", "/steps/1/id",
        "duplicate step id", "/steps/1/args/millis", "/steps/2/args/text",
        "unknown step 'ghost'", "dependency cycle");
    assertThat(storedExecutions()).isZero();
  }

  @Test
  void unknownExecutionIdsAreNotFound() {
    assertThat(baton("status", "ex-0000000000").exit()).isEqualTo(ExitCodes.NOT_FOUND);
    CliHarness.Result r = baton("pause", "ex-0000000000");
    assertThat(r.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.err()).contains("no execution with id 'ex-0000000000'");
    assertThat(baton("approve", "ex-0000000000.s.1").exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(baton("cancel", "not an id!").exit()).isNotZero();
  }

  @Test
  void approvesAndRejectsFromAnotherProcess() throws Exception {
    Files.writeString(home.resolve("baton.properties"), "engine.poll-interval=50ms\n");
    Path plan = write("p.json", """
        {"steps":[{"id":"tell","tool":"demo.notify","args":{"to":"יואב","message":"שלום"}},
                  {"id":"warn","tool":"demo.notify","args":{"to":"dana","message":"hi"}}]}""");
    try (ChildBaton run = ChildBaton.start(home, "run", "--plan", plan.toString(), "--wait")) {
      String line = run.awaitLine(l -> l.contains("baton approve ") && l.contains(".warn.1"),
          Duration.ofSeconds(60));
      String id = line.replaceAll(".*baton approve (ex-[0-9a-f]+)\\.warn\\.1.*", "$1");
      run.awaitLine(l -> l.contains(id + ".tell.1"), Duration.ofSeconds(60));
      assertThat(baton("reject", id).exit()).isEqualTo(ExitCodes.NOT_FOUND);
      CliHarness.Result bad = baton("approve", id + ".tell.1", "--args", "{\"to\":5}");
      assertThat(bad.exit()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(bad.err()).contains("/arguments/to");
      assertThat(baton("approve", id + ".tell.1", "--args",
          "{\"to\":\"יואב\",\"message\":\"שלום, יואב\"}").exit()).isZero();
      assertThat(baton("reject", id + ".warn.1", "--comment", "no").exit()).isZero();
      assertThat(baton("approve", id + ".warn.1").exit()).isEqualTo(ExitCodes.CONFLICT);
      assertThat(run.awaitExit(Duration.ofSeconds(60))).as(run.output()).isZero();
      assertThat(run.output()).contains("rejected by");
      assertThat(home.resolve("outbox.txt")).content().contains("שלום, יואב")
          .doesNotContain("dana");
      assertThat(baton("status", id).out()).contains("SUCCEEDED", "rejected by");
    }
  }

  @Test
  void plansAHebrewRequestWithReasonsInHebrew() {
    CliHarness.Result r = baton("plan", "תקרא מה עשינו בדצמבר בתבואות ותקבע פגישה עם יואב");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("files.search", "analysis.summarize", "contacts.find",
        "calendar.create_event", "editor.write", "למה:", "יואב כהן");
  }

  @Test
  void aRequestItCannotPlanIsAnsweredInItsLanguageAndRunsNothing() {
    CliHarness.Result he = baton("run", "מה מזג האוויר מחר");
    assertThat(he.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(he.err()).contains("לא הבנתי");
    CliHarness.Result en = baton("plan", "what's the weather tomorrow");
    assertThat(en.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(en.err()).containsIgnoringCase("understand");
    assertThat(storedExecutions()).isZero();
  }

  @Test
  void demoRunsTheSeedPlanOnTheDemoWorkspace() {
    CliHarness.Result r = baton("demo", "--yes");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("succeeded", "approvals: 2");
    assertThat(home.resolve("workspace/agendas/tevuot-december-review.md")).exists();
    assertThat(home.resolve("workspace/calendar.ics")).content()
        .contains("yoav.cohen@tevuot.co.il");
  }

  @Test
  void approveWithFollowFinishesAnExecutionWhoseProcessDied() throws Exception {
    Files.writeString(home.resolve("baton.properties"),
        "engine.lease-ttl=1s\nengine.poll-interval=100ms\n");
    Path plan = write("p.json", """
        {"steps":[{"id":"tell","tool":"demo.notify","args":{"to":"יואב","message":"מחר ב-10"}}]}""");
    String approval;
    try (ChildBaton run = ChildBaton.start(home, "run", "--plan", plan.toString(), "--wait")) {
      String line = run.awaitLine(l -> l.contains("baton approve ") && l.contains(".tell.1"),
          Duration.ofSeconds(60));
      approval = line.replaceAll(".*baton approve (ex-[0-9a-f]+\\.tell\\.1).*", "$1");
      run.kill();
    }
    // why: the dead process's lease must run out before another may take the execution over
    Thread.sleep(1500);
    CliHarness.Result r = baton("approve", approval, "--follow");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("approved " + approval, "succeeded");
    assertThat(home.resolve("outbox.txt")).content().contains("מחר ב-10");
  }

  @Test
  void toolsAndPlanOpenNoDatabase() {
    CliHarness.Result tools = baton("tools");
    assertThat(tools.exit()).as(tools.err()).isZero();
    assertThat(tools.out()).contains("files.search", "calendar.create_event", "side effect");

    CliHarness.Result plan = baton("plan", "Schedule a meeting with Noa tomorrow at 10");
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("calendar.create_event");

    CliHarness.Result json = baton("tools", "--json");
    assertThat(json.exit()).as(json.err()).isZero();
    assertThat(json.out()).contains("\"input\":{", "\"output\":{");

    assertThat(home.resolve("baton.db")).doesNotExist();
  }

  @Test
  void statusReadsTheStoreWithoutMakingTheCatalogue() {
    CliHarness.Result r = baton("status");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("No executions yet");
    assertThat(home.resolve("baton.db")).exists();
    assertThat(home.resolve("workspace")).doesNotExist();
  }

  @Test
  void statusOfOneExecutionShowsItsStepsFromTheStore() {
    CliHarness.Result run = baton("run", "--plan", Path.of("../examples/demo-plan.json").toString(),
        "--yes", "--detach");
    assertThat(run.exit()).as(run.err()).isZero();
    String id = run.out().strip().replaceAll("(?s).*(ex-[0-9a-f]+).*", "$1");

    CliHarness.Result r = baton("status", id);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("drive", "analysis", "editor");
  }

  @Test
  void helpListsEveryCommand_andEachCommandHasItsOwnUsage() {
    CliHarness.Result all = baton("--help");
    assertThat(all.exit()).isZero();
    assertThat(all.out()).contains("run", "plan", "status", "pause", "resume", "cancel", "approve",
        "reject", "recover", "tools", "validate", "demo", "help", "mcp");

    CliHarness.Result bare = baton();
    assertThat(bare.exit()).isZero();
    assertThat(bare.out()).contains("Commands:", "plan", "status", "tools", "recover");

    CliHarness.Result plan = baton("help", "plan");
    assertThat(plan.exit()).isZero();
    assertThat(plan.out()).contains("Usage: baton plan", "REQUEST", "--json");

    CliHarness.Result unknown = baton("plna", "x");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknown.err()).contains("plna", "plan");
  }

  @Test
  void everyCommandTakesHelp_asItsErrorsSay() {
    CliHarness.Result wrong = baton("status", "--bogus");
    assertThat(wrong.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(wrong.err()).contains("see: baton status --help");

    for (String command : List.of("status", "recover", "approve", "tools", "keys")) {
      CliHarness.Result help = baton(command, "--help");
      assertThat(help.exit()).as(command).isZero();
      assertThat(help.out()).as(command).contains("Usage: baton " + command, "-h, --help");
    }
    CliHarness.Result nested = baton("keys", "create", "-h");
    assertThat(nested.exit()).isZero();
    assertThat(nested.out()).contains("Usage: baton keys create");
  }

  @Test
  void findsTheCommandNamePastTheGlobalOptions() {
    assertThat(Main.commandName("--home", "/tmp/x", "--db=jdbc:sqlite:a", "status", "ex-1"))
        .isEqualTo("status");
    assertThat(Main.commandName("--tenant", "plan", "tools")).isEqualTo("tools");
    assertThat(Main.commandName("--help")).isNull();
  }
}
