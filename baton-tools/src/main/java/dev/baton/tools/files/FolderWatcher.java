package dev.baton.tools.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Which paths of a folder tree changed, from the operating system's change notifications, so the
 * index need not walk the whole tree to stay up to date. Linux only (inotify): elsewhere
 * {@link #open} gives nothing and the caller walks the tree.
 *
 * <p>Notifications reach a {@link WatchService} through a background thread, a little after the
 * change. So that a change made before a call to {@link #changes} is always among its answer, the
 * call first creates a marker file with a unique name in the marks folder (which is watched too)
 * and takes events until the marker's own event arrives: one inotify instance queues the events
 * of all its watches in the order they happened, and the JDK's thread hands them on in that order,
 * so every change made before the marker has been delivered by then. (Windows watches each folder
 * separately, with no such order; macOS polls.) Changes the kernel does not see, such as those
 * made by another machine on a network share, raise no event; the caller walks now and then.
 *
 * <p>Directories are watched one by one (the platform has no recursive watch): the caller watches
 * each directory it walks and each new one it is told about. Not thread-safe: the caller holds a
 * lock.
 */
final class FolderWatcher implements Closeable {
  private static final WatchEvent.Kind<?>[] KINDS = {StandardWatchEventKinds.ENTRY_CREATE,
      StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY};

  private final WatchService service;
  private final Path marks;
  private final String markPrefix = "watch-" + UUID.randomUUID() + "-";
  private final Map<WatchKey, Path> directories = new HashMap<>();
  private final Map<Path, Watched> watched = new HashMap<>();
  private long sequence;

  /** What changed: the paths named by events, or {@code complete == false} if that may miss some. */
  record Changes(boolean complete, Set<Path> paths) {
    static final Changes UNKNOWN = new Changes(false, Set.of());
  }

  private FolderWatcher(WatchService service, Path marks) {
    this.service = service;
    this.marks = marks;
  }

  /**
   * A watcher whose marker files go in {@code marks} (an existing folder); empty on systems other
   * than Linux, or when the system refuses one (e.g. its limit of inotify instances is reached).
   */
  static Optional<FolderWatcher> open(Path marks) {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
        || marks.getFileSystem() != FileSystems.getDefault()) {
      return Optional.empty();
    }
    WatchService service = null;
    try {
      service = FileSystems.getDefault().newWatchService();
      FolderWatcher watcher = new FolderWatcher(service, marks);
      watcher.watch(marks, null);
      return Optional.of(watcher);
    } catch (IOException | UnsupportedOperationException e) {
      // why: the caller walks the folder instead
      closeQuietly(service);
      return Optional.empty();
    }
  }

  /** A watched directory: its key and the file key (inode) it had when registered. */
  private record Watched(WatchKey key, Object fileKey) {}

  /**
   * Watches a directory's entries (not those of its subdirectories), unless this very directory
   * ({@code fileKey}, e.g. device and inode; null if unknown) is watched already.
   */
  void watch(Path directory, Object fileKey) throws IOException {
    Watched known = watched.get(directory);
    if (known != null && fileKey != null && fileKey.equals(known.fileKey())
        && known.key().isValid()) {
      return;
    }
    // why: a directory moved within the tree keeps its key; it is then known by the new name
    WatchKey key = directory.register(service, KINDS);
    Path before = directories.put(key, directory);
    if (before != null && !before.equals(directory)) {
      forgetName(before, key);
    }
    watched.put(directory, new Watched(key, fileKey));
  }

  private void forgetName(Path directory, WatchKey key) {
    Watched w = watched.get(directory);
    if (w != null && w.key().equals(key)) {
      watched.remove(directory);
    }
  }

  /** Stops watching a directory that is gone or moved away, and every directory below it. */
  void forget(Path directory) {
    if (!watched.containsKey(directory)) {
      // why: directories are watched from the top down, so none below an unwatched one is
      return;
    }
    for (Iterator<Map.Entry<WatchKey, Path>> it = directories.entrySet().iterator();
        it.hasNext();) {
      Map.Entry<WatchKey, Path> e = it.next();
      if (e.getValue().startsWith(directory)) {
        e.getKey().cancel();
        forgetName(e.getValue(), e.getKey());
        it.remove();
      }
    }
  }

  /** Forgets a key the system has cancelled (its directory was deleted). */
  private void drop(WatchKey key) {
    Path directory = directories.remove(key);
    if (directory != null) {
      forgetName(directory, key);
    }
  }

  /**
   * How many keys to take at most once the queue only needs draining: each key is queued once at
   * most (a cancelled one may still be), so this takes all there were, and stops if events keep
   * coming.
   */
  private int drainLimit() {
    return 2 * directories.size() + 16;
  }

  /** Drops the events delivered so far (before a full walk, which sees those changes anyway). */
  void discard() {
    for (int left = drainLimit(); left > 0; left--) {
      WatchKey key = service.poll();
      if (key == null) {
        return;
      }
      key.pollEvents();
      if (!key.reset()) {
        drop(key);
      }
    }
  }

  /**
   * The paths changed since the last call (created, modified, deleted or moved, files or
   * directories), at least all changes made before this call began.
   *
   * @return {@link Changes#UNKNOWN} when events were lost (overflow) or the marker could not be
   *     written or did not arrive within {@code wait}; the caller must then walk the tree
   */
  Changes changes(Duration wait) throws InterruptedException {
    String name = markPrefix + ++sequence;
    Path mark = marks.resolve(name);
    try {
      Files.createFile(mark);
    } catch (IOException e) {
      return Changes.UNKNOWN;
    }
    try {
      Set<Path> paths = new LinkedHashSet<>();
      boolean complete = true;
      boolean marked = false;
      int left = 0;
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        // why: once the marker is in, every earlier event is already queued; take what is there
        WatchKey key = marked ? (left-- > 0 ? service.poll() : null)
            : service.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (key == null) {
          return marked && complete ? new Changes(true, paths) : Changes.UNKNOWN;
        }
        Path directory = directories.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            complete = false;
          } else if (directory != null && directory.equals(marks)) {
            if (!marked && name.equals(event.context().toString())) {
              marked = true;
              left = drainLimit();
            }
          } else if (directory != null) {
            paths.add(directory.resolve((Path) event.context()));
          }
        }
        if (!key.reset()) {
          drop(key);
        }
      }
    } catch (ClosedWatchServiceException e) {
      return Changes.UNKNOWN;
    } finally {
      try {
        Files.deleteIfExists(mark);
      } catch (IOException e) {
        // why: a leftover empty marker in .baton is harmless
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(service);
  }

  private static void closeQuietly(WatchService service) {
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        // why: nothing left to do with a watcher being thrown away
      }
    }
  }
}
