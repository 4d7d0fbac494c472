package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.feedback.Feedback;
import dev.baton.core.feedback.ResolutionMemory;
import dev.baton.core.text.Visible;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** What people teach Baton: ratings of executions, and answers about names it remembers. */
final class LearningCommands {
  private LearningCommands() {}

  /** {@code baton feedback ID good|bad [--comment TEXT]}: rates an execution. */
  @Command(name = "feedback", description = "Rate an execution good or bad; good plans become"
      + " examples for similar requests.")
  static final class Rate implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "ID", description = "Execution id")
    String id;

    @Parameters(index = "1", paramLabel = "good|bad", description = "The rating")
    String rating;

    @Option(names = "--comment", paramLabel = "TEXT", description = "What was good or wrong")
    String comment;

    @Override
    public Integer call() {
      Feedback.Rating r = switch (rating.toLowerCase(Locale.ROOT)) {
        case "good", "+", "👍" -> Feedback.Rating.GOOD;
        case "bad", "-", "👎" -> Feedback.Rating.BAD;
        default -> throw BatonException.of(ErrorCode.CONFIG_INVALID, "rate with good or bad, not '"
            + rating + "'");
      };
      try (BatonApp app = main.open()) {
        ExecutionId execution = Ids.execution(id);
        // why: a rating of an execution nobody can see is a typo; say so rather than keep it
        app.engine().state(execution);
        app.feedback().record(new Feedback(app.config().tenant(), execution, r, comment,
            Main.who(), Instant.now()));
        System.out.println("rated " + execution + " " + r.name().toLowerCase(Locale.ROOT)
            + (r == Feedback.Rating.GOOD ? ": its plan may guide similar requests"
            : ": its plan will not be offered as an example"));
        return ExitCodes.OK;
      }
    }
  }

  /** {@code baton memory}: what Baton remembers people said about names. */
  @Command(name = "memory", description = "List what Baton remembers about names (answers to"
      + " its questions).")
  static final class Memory implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
      try (BatonApp app = main.open()) {
        List<ResolutionMemory.Resolution> all = app.resolutions().list(app.config().tenant());
        if (all.isEmpty()) {
          System.out.println("nothing remembered");
        }
        for (ResolutionMemory.Resolution r : all) {
          System.out.println(Visible.line(r.name()) + " (" + r.intents() + ") → "
              + Visible.line(r.label()) + " <" + r.value() + ">  since " + r.at());
        }
        return ExitCodes.OK;
      }
    }
  }

  /** {@code baton forget NAME}: forgets what a name was said to mean. */
  @Command(name = "forget", description = "Forget what a name was said to mean; Baton asks again.")
  static final class Forget implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "NAME", description = "The name, as baton memory"
        + " lists it")
    String name;

    @Override
    public Integer call() {
      try (BatonApp app = main.open()) {
        int n = app.resolutions().forget(app.config().tenant(), name.strip()
            .toLowerCase(Locale.ROOT));
        System.out.println(n == 0 ? "nothing remembered about " + name
            : "forgot " + n + " answer" + (n == 1 ? "" : "s") + " about " + name);
        return ExitCodes.OK;
      }
    }
  }
}
