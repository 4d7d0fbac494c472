package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.BatonApp;
import dev.baton.app.ConfigLoader;
import dev.baton.core.engine.Submission;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.exec.ExecutionStatus;
import dev.baton.core.plan.PlanCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live view as a person at a terminal sees it: answers typed at the prompt. */
class LivePromptTest {
  @TempDir
  Path home;

  @Test
  void theTreeAboveASecondApprovalShowsTheFirstStepFinished() throws Exception {
    InputStream before = System.in;
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (BatonApp app = BatonApp.open(ConfigLoader.load(home, Map.of(), Map.of()))) {
      System.setIn(new ByteArrayInputStream("a\na\n".getBytes(StandardCharsets.UTF_8)));
      Terminal terminal = new Terminal(new PrintStream(screen, true, StandardCharsets.UTF_8),
          true);
      try (Watcher watcher = new Watcher(app.engine(), terminal, Watcher.Mode.LIVE, false,
          "tester")) {
        ExecutionId id = app.engine().submit(new Submission(null, PlanCodec.parse("""
            {"steps":[{"id":"first","tool":"demo.notify","args":{"to":"yoav","message":"1"}},
                      {"id":"second","tool":"demo.notify","args":{"to":"dana","message":"2"},
                       "after":["first"]}]}"""), "two approvals", "default",
            ExecutionOptions.DEFAULTS)).id();
        ExecutionState end = watcher.follow(id);
        assertThat(end.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      }
    } finally {
      System.setIn(before);
    }
    String shown = screen.toString(StandardCharsets.UTF_8);
    int second = shown.indexOf("Approval needed: step second");
    assertThat(second).as(shown).isPositive();
    String above = shown.substring(0, second);
    String lastFirstLine = above.lines().filter(l -> l.contains("first") && l.contains("demo."))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(lastFirstLine).contains("✓").doesNotContain("▶").doesNotContain("⏳");
  }

  @Test
  void longTextIsShownAPageAtATimeAndNeverCut() {
    InputStream before = System.in;
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream("\nq\n".getBytes(StandardCharsets.UTF_8)));
      Terminal terminal = new Terminal(new PrintStream(screen, true, StandardCharsets.UTF_8),
          true);
      List<String> lines = new ArrayList<>(IntStream.rangeClosed(1, 50)
          .mapToObj(i -> "line " + i).toList());
      terminal.page(lines);
    } finally {
      System.setIn(before);
    }
    String shown = screen.toString(StandardCharsets.UTF_8);
    int page = Terminal.height() - 2;
    assertThat(shown).contains("line 1\n", "line " + (2 * page) + "\n", "Enter for more")
        .doesNotContain("line " + (2 * page + 1) + "\n")
        .contains("(" + (50 - 2 * page) + " more lines: [v] shows them again");
  }
}
