package dev.baton.tools.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-only file of "start"/"end" lines per tool call, so a person (or a test that kills the
 * process) can count how often each step really ran. Null path: journal nothing.
 */
public final class CallJournal {
  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();

  public CallJournal(Path file) {
    this.file = file;
  }

  public static CallJournal none() {
    return new CallJournal(null);
  }

  public void record(String what, String idempotencyKey) {
    if (file == null) {
      return;
    }
    lock.lock();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      // why: DSYNC so a line written before a SIGKILL is really on disk when the test counts
      Files.writeString(file, what + " " + idempotencyKey + System.lineSeparator(),
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.DSYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the call journal " + file, e);
    } finally {
      lock.unlock();
    }
  }
}
