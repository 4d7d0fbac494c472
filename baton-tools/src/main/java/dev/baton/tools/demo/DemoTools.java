package dev.baton.tools.demo;

import dev.baton.core.tool.Tool;
import java.nio.file.Path;
import java.util.List;

/** The demonstration tools: a slow call, a flaky call and a side effect, for trying the engine. */
public final class DemoTools {
  private DemoTools() {}

  /** @param home Baton's data folder: the outbox and the call journal live there */
  public static List<Tool> all(Path home) {
    CallJournal journal = new CallJournal(home.resolve("demo-calls.log"));
    return List.of(new SleepTool(journal), new FlakyTool(journal),
        new NotifyTool(home.resolve("outbox.txt"), journal));
  }
}
