package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code baton recover}: takes over every unfinished execution that no live process holds (waiting
 * for the leases of crashed processes to run out) and runs them to the end here.
 */
@Command(name = "recover", description = "Resume every unfinished execution after a crash and"
    + " follow them to the end.")
final class RecoverCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Option(names = {"-y", "--yes"}, description = "Approve every step without asking")
  boolean yes;

  @Option(names = "--json", description = "Print every event as a JSON line")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (BatonApp app = main.open()) {
      Set<ExecutionId> waiting = new LinkedHashSet<>(app.store().unfinished());
      if (waiting.isEmpty()) {
        System.out.println("nothing to recover");
        return ExitCodes.OK;
      }
      // why: a holder that is provably gone (this host, its process ended) is taken over at
      // once; one on another host keeps its executions until its lease runs out
      Instant deadline = Instant.now().plus(app.config().engine().leaseTtl())
          .plus(Duration.ofSeconds(2));
      List<ExecutionId> adopted = new ArrayList<>();
      Instant lastSaid = Instant.EPOCH;
      while (true) {
        for (ExecutionId id : app.engine().recover()) {
          adopted.add(id);
        }
        waiting.removeIf(id -> adopted.contains(id) || app.store().summary(id)
            .map(s -> s.status().terminal()).orElse(true));
        if (waiting.isEmpty() || !Instant.now().isBefore(deadline)) {
          break;
        }
        if (!json && Duration.between(lastSaid, Instant.now()).toSeconds() >= 2) {
          for (ExecutionId id : waiting) {
            app.store().holder(id, Instant.now()).ifPresent(p -> System.out.println(id
                + " is held by " + p.id() + " on " + p.host() + "; waiting for its lease to"
                + " end in " + Math.max(0, Duration.between(Instant.now(), p.until())
                    .toSeconds()) + " s"));
          }
          lastSaid = Instant.now();
        }
        Thread.sleep(250);
      }
      waiting.forEach(id -> System.out.println(id + " is held by a live process; left alone"));
      int exit = ExitCodes.OK;
      Terminal terminal = new Terminal(System.out, Terminal.detect());
      Watcher.Mode mode = json ? Watcher.Mode.JSON
          : terminal.interactive() ? Watcher.Mode.LIVE : Watcher.Mode.LINES;
      try (Watcher watcher = new Watcher(app.engine(), terminal, mode, yes, Main.who())) {
        for (ExecutionId id : adopted) {
          if (!json) {
            System.out.println("recovering " + id);
          }
          ExecutionState end = watcher.follow(id);
          if (!json) {
            PrintOut.result(System.out, end);
          }
          exit = Math.max(exit, ExitCodes.of(end.status()));
        }
      }
      return exit;
    }
  }
}
