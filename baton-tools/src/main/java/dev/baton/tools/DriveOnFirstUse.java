package dev.baton.tools;

import dev.baton.tools.files.Drive;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link Drive} opened the first time a tool uses it: making the catalogue (to list tools, or to
 * plan a request that needs no file) opens no search index. Thread-safe; a failed opening is tried
 * again on the next use.
 */
final class DriveOnFirstUse implements Drive, java.io.Closeable {
  private final Supplier<? extends Drive> open;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Drive drive;

  DriveOnFirstUse(Supplier<? extends Drive> open) {
    this.open = open;
  }

  private Drive drive() {
    Drive d = drive;
    if (d != null) {
      return d;
    }
    // why: ReentrantLock, not synchronized: opening the index reads the folder (blocking I/O)
    lock.lock();
    try {
      if (drive == null) {
        drive = open.get();
      }
      return drive;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes the drive if it was opened: the index, and the folder watch whose thread would
   * otherwise hold up the end of the process.
   */
  @Override
  public void close() throws java.io.IOException {
    lock.lock();
    try {
      if (drive instanceof java.io.Closeable c) {
        c.close();
      }
      drive = null;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Hit> search(Search query) {
    return drive().search(query);
  }

  @Override
  public List<Entry> list(String folder, boolean recursive) {
    return drive().list(folder, recursive);
  }

  @Override
  public Text read(String path) {
    return drive().read(path);
  }
}
