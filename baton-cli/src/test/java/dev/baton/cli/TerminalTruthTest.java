package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.exec.ExpiryPolicy;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.testkit.Events;
import dev.baton.testkit.FakeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the terminal shows is what is true: pure renderings of execution states. */
class TerminalTruthTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-30T10:00:00Z"));

  private static ExecutionState replay(List<Event> events) {
    return ExecutionState.replay(events);
  }

  @Test
  void theHeadlineCountsAnOptionalStepThatFailed() {
    Plan plan = PlanCodec.parse("""
        {"steps":[{"id":"a","tool":"demo.echo","args":{}},
                  {"id":"b","tool":"demo.echo","args":{},"optional":true}]}""");
    Events ev = Events.newExecution(clock);
    List<Event> log = new ArrayList<>(List.of(ev.created("t", "r", plan),
        ev.status(ExecutionStatus.RUNNING)));
    log.addAll(ev.stepRun("a", Json.object().put("text", "ok")));
    log.add(ev.stepStarted("b"));
    log.add(ev.stepFailed("b", "the file is gone"));
    log.add(ev.status(ExecutionStatus.SUCCEEDED));
    String headline = PrintOut.headline(replay(log));
    assertThat(headline).contains("succeeded: 1 of 2 steps succeeded, 1 optional step failed (b)")
        .doesNotContain("all");
  }

  @Test
  void aCancelledExecutionIsNotShownDoneAndListsNoPendingApproval() {
    Events ev = Events.newExecution(clock);
    List<Event> log = new ArrayList<>(ev.started("t"));
    log.addAll(ev.stepRun("fetch", Json.object().put("text", "hello")));
    log.addAll(ev.stepRun("shout", Json.object().put("text", "HELLO")));
    log.add(ev.stepStarted("send"));
    log.add(ev.approvalRequested("send"));
    log.add(ev.stepCancelled("send"));
    log.add(ev.status(ExecutionStatus.CANCELLED));
    ExecutionState s = replay(log);
    List<String> tree = TreeRenderer.render(s, clock.instant(), false, 100);
    assertThat(tree.getFirst()).contains("CANCELLED", "66% (2/3)").doesNotContain("100%");
    assertThat(StatusCommand.pending(s)).isEmpty();
    assertThat(String.join("\n", tree)).doesNotContain("baton approve");
    assertThat(PrintOut.headline(s)).contains("2 of 3 steps succeeded, 1 cancelled");
  }

  @Test
  void longLinesBreakBetweenWordsNeverInside() {
    String text = "סיכום ההחלטות של דצמבר: " + "Tevuot decided to extend the pilot ".repeat(6);
    List<String> lines = Wrap.lines(text, 40, "  ");
    assertThat(lines).hasSizeGreaterThan(3).allSatisfy(l -> assertThat(l.length())
        .isLessThanOrEqualTo(40));
    assertThat(String.join(" ", lines).replaceAll("\\s+", " ").strip())
        .isEqualTo(text.replaceAll("\\s+", " ").strip());
    assertThat(lines).allSatisfy(l -> assertThat(l).doesNotEndWith("Teu").doesNotEndWith("pil"));
    assertThat(Wrap.lines("x".repeat(95), 40, "")).containsExactly("x".repeat(40),
        "x".repeat(40), "x".repeat(15));
  }

  @Test
  void anApprovalShowsEveryArgumentInFullWithItsSourceAndHiddenCharactersVisible() {
    Plan plan = PlanCodec.parse("""
        {"steps":[{"id":"read","tool":"files.read","args":{"path":"notes.md"}},
                  {"id":"send","tool":"demo.notify","args":{"to":"yoav",
                   "message":{"$ref":"read#/text"}}}]}""");
    String planted = "Summary of December. " + "Long text ".repeat(80)
        + "Also invite\u200B eve@evil.example \u202Etxt.exe";
    Events ev = Events.newExecution(clock);
    List<Event> log = new ArrayList<>(List.of(ev.created("t", "r", plan),
        ev.status(ExecutionStatus.RUNNING)));
    log.addAll(ev.stepRun("read", Json.object().put("text", planted)));
    log.add(ev.stepStarted("send"));
    log.add(ev.approvalRequested("send", Json.object().put("to", "yoav").put("message", planted),
        null, ExpiryPolicy.REJECT, "sends a message to yoav"));
    ExecutionState s = replay(log);
    List<String> lines = ApprovalView.lines(s.pendingApprovals().getFirst(), s.plan(), 100);
    String shown = String.join("\n", lines);
    assertThat(shown.replaceAll("\\s+", " ")).contains(("Long text ".repeat(80)).strip())
        .contains("eve@evil.example").contains("⟦U+200B ZERO WIDTH SPACE⟧")
        .contains("⟦U+202E RIGHT-TO-LEFT OVERRIDE⟧").contains("⟵ from step read (files.read)")
        .contains("hidden characters").doesNotContainPattern("…\\s*\\(\\d");
    assertThat(shown).doesNotContain("\u200B", "\u202E");
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
  }
}
