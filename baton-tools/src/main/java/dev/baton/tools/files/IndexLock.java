package dev.baton.tools.files;

import dev.baton.core.tool.ToolFailure;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The right to write the search index, held by one thread of one process at a time: a lock in this
 * JVM (the operating system's file locks belong to a whole process) and an exclusive lock on a
 * file beside the index (which the operating system drops when a process dies, so a killed writer
 * never blocks the others).
 */
final class IndexLock {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
  private static final Duration POLL = Duration.ofMillis(25);

  private final Path file;
  private final ReentrantLock local;

  private IndexLock(Path file) {
    this.file = file;
    this.local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
  }

  static IndexLock on(Path file) {
    return new IndexLock(file.toAbsolutePath().normalize());
  }

  /** A held lock; closing it lets the next writer in. */
  interface Held extends Closeable {
    @Override
    void close() throws IOException;
  }

  /**
   * Waits up to {@code wait} for the lock.
   *
   * @throws dev.baton.core.error.BatonException TOOL_UNAVAILABLE (retryable) when another process
   *     kept it that long, or this thread was interrupted
   */
  Held acquire(Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      if (!local.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy(wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ToolFailure.retryable("interrupted while waiting for the search index", e);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      while (true) {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          FileChannel held = channel;
          channel = null;
          return () -> {
            try {
              lock.release();
              held.close();
            } finally {
              local.unlock();
            }
          };
        }
        if (System.nanoTime() > deadline) {
          throw busy(wait);
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ToolFailure.retryable("interrupted while waiting for the search index", e);
    } finally {
      if (channel != null) {
        channel.close();
        local.unlock();
      }
    }
  }

  private static RuntimeException busy(Duration wait) {
    return ToolFailure.retryable("another process has been updating the search index for over "
        + wait.toSeconds() + " s; try again");
  }
}
