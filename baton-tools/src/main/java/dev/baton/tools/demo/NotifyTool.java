package dev.baton.tools.demo;

import dev.baton.core.tool.RetryPolicy;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolFailure;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code demo.notify}: a side effect. Appends a message to an outbox file, once per execution and
 * step: a repeat with the same idempotency key finds its earlier line and changes nothing.
 */
public final class NotifyTool extends TypedTool<NotifyTool.Input, NotifyTool.Output> {
  /**
   * @param to who the message is for
   * @param message the text
   */
  public record Input(String to, String message) {}

  /**
   * @param delivered the line as written to the outbox
   * @param repeated true when an earlier attempt had already delivered it
   */
  public record Output(String delivered, boolean repeated) {}

  private final Path outbox;
  private final CallJournal journal;
  private final ReentrantLock lock = new ReentrantLock();

  public NotifyTool(Path outbox, CallJournal journal) {
    super("demo.notify", "Sends a message to someone (writes to the outbox; needs approval)",
        Input.class, Output.class, ToolOptions.sideEffecting().retry(RetryPolicy.attempts(3,
            java.time.Duration.ofMillis(200))).build());
    this.outbox = outbox;
    this.journal = journal;
  }

  @Override
  protected Output run(Input in, ToolContext ctx) {
    journal.record("start", ctx.idempotencyKey());
    String line = "[" + ctx.idempotencyKey() + "] to " + in.to() + ": " + in.message();
    lock.lock();
    try {
      Files.createDirectories(outbox.toAbsolutePath().getParent());
      List<String> existing = Files.exists(outbox) ? Files.readAllLines(outbox,
          StandardCharsets.UTF_8) : List.of();
      boolean repeated = existing.stream().anyMatch(l -> l.startsWith("[" + ctx.idempotencyKey()
          + "]"));
      if (!repeated) {
        Files.writeString(outbox, line + System.lineSeparator(), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.DSYNC);
      }
      journal.record("end", ctx.idempotencyKey());
      return new Output(line, repeated);
    } catch (IOException e) {
      throw ToolFailure.retryable("cannot write the outbox " + outbox + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  protected Set<String> resourcesOf(Input in) {
    return Set.of("outbox");
  }
}
