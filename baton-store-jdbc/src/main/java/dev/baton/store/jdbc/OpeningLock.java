package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Processes open one SQLite file one at a time: the checks, the migrations and the integrity check
 * run under an exclusive lock on a file beside the database ({@code baton.db-open.lock}), which the
 * operating system drops when a process dies. Without it, several processes starting together on a
 * new data folder all migrate at once and some give up on SQLite's busy timeout. A lock inside the
 * JVM comes first, since the operating system's locks belong to the whole process.
 */
final class OpeningLock {
  /** How long a process waits for the others to finish opening. */
  static final Duration WAIT = Duration.ofSeconds(120);
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private OpeningLock() {}

  static <T> T around(Path database, Supplier<T> work) {
    Path lockFile = database.toAbsolutePath().normalize()
        .resolveSibling(database.getFileName() + "-open.lock");
    ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, f -> new ReentrantLock());
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      if (!local.tryLock(WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy(database);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "interrupted while opening " + database);
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      FileLock lock;
      while ((lock = channel.tryLock()) == null) {
        if (System.nanoTime() > deadline) {
          throw busy(database);
        }
        Thread.sleep(20);
      }
      try {
        return work.get();
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "cannot open " + database + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "interrupted while opening " + database);
    } finally {
      local.unlock();
    }
  }

  private static BatonException busy(Path database) {
    return BatonException.of(ErrorCode.STORE_UNAVAILABLE, "another process has been opening "
        + database + " for over " + WAIT.toSeconds() + " s; try again");
  }
}
