package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionState;

/** After a command, follows the execution to its end when this process took it over. */
final class FollowHere {
  private FollowHere() {}

  static int ifRunningHere(BatonApp app, ExecutionId id) throws Exception {
    if (!app.engine().running(id)) {
      return ExitCodes.OK;
    }
    Terminal terminal = new Terminal(System.out, Terminal.detect());
    try (Watcher w = new Watcher(app.engine(), terminal,
        terminal.interactive() ? Watcher.Mode.LIVE : Watcher.Mode.LINES, false, Main.who())
        .onAnswer(Remember.in(app))) {
      ExecutionState end = w.follow(id);
      PrintOut.result(System.out, end);
      return ExitCodes.of(end.status());
    }
  }
}
