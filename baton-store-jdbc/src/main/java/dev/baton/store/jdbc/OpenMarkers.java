package dev.baton.store.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One small file per process that has a database file open, in a folder beside it
 * ({@code baton.db-users/}): written on open, removed on close. A marker left by a process that is
 * gone (same host, no such process, or one started at another time) means it ended without
 * closing the database, so the next process checks the database's integrity before using it.
 * Markers of other hosts are left alone: whether those processes live cannot be told from here.
 */
final class OpenMarkers implements AutoCloseable {
  /** What the markers say about the processes that used the file before this one. */
  record Others(int live, List<String> ended) {
    boolean uncleanEnd() {
      return !ended.isEmpty();
    }
  }

  private final Path folder;
  private final Path mine;

  private OpenMarkers(Path folder, Path mine) {
    this.folder = folder;
    this.mine = mine;
  }

  static Path folderFor(Path database) {
    return database.resolveSibling(database.getFileName() + "-users");
  }

  /** Reads the markers of the other processes (without changing anything). */
  static Others look(Path database) {
    Path folder = folderFor(database);
    if (!Files.isDirectory(folder)) {
      return new Others(0, List.of());
    }
    int live = 0;
    List<String> ended = new ArrayList<>();
    String host = host();
    try (DirectoryStream<Path> markers = Files.newDirectoryStream(folder, "*.open")) {
      for (Path m : markers) {
        Marker marker = Marker.read(m).orElse(null);
        if (marker == null || !marker.host().equals(host) || marker.alive()) {
          live++;
        } else {
          ended.add(marker.describe());
        }
      }
    } catch (IOException e) {
      return new Others(live, ended);
    }
    return new Others(live, List.copyOf(ended));
  }

  /** Removes the markers of processes on this host that are gone (after the check). */
  static void forgetEnded(Path database) {
    Path folder = folderFor(database);
    if (!Files.isDirectory(folder)) {
      return;
    }
    String host = host();
    try (DirectoryStream<Path> markers = Files.newDirectoryStream(folder, "*.open")) {
      for (Path m : markers) {
        Optional<Marker> marker = Marker.read(m);
        if (marker.isPresent() && marker.get().host().equals(host) && !marker.get().alive()) {
          Files.deleteIfExists(m);
        }
      }
    } catch (IOException e) {
      // why: a stale marker only costs one more integrity check next time
    }
  }

  /** Writes this process's marker. */
  static OpenMarkers enter(Path database) throws IOException {
    Path folder = folderFor(database);
    Files.createDirectories(folder);
    ProcessHandle self = ProcessHandle.current();
    Instant started = self.info().startInstant().orElse(Instant.EPOCH);
    Path mine = folder.resolve(host() + "-" + self.pid() + "-" + started.toEpochMilli()
        + "-" + System.identityHashCode(folder) + "-" + System.nanoTime() + ".open");
    Files.writeString(mine, host() + "\n" + self.pid() + "\n" + started.toEpochMilli() + "\n",
        StandardCharsets.UTF_8);
    return new OpenMarkers(folder, mine);
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(mine);
      try (DirectoryStream<Path> rest = Files.newDirectoryStream(folder)) {
        if (!rest.iterator().hasNext()) {
          Files.deleteIfExists(folder);
        }
      }
    } catch (IOException e) {
      // why: another process may be entering at this moment; the folder stays then
    }
  }

  private static final String HOST = findHost();

  private static String host() {
    return HOST;
  }

  private static String findHost() {
    try {
      Path kernel = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(kernel)) {
        return Files.readString(kernel).strip();
      }
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** One process's marker. */
  private record Marker(String host, long pid, long startedMillis) {
    static Optional<Marker> read(Path file) {
      try {
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
        return Optional.of(new Marker(lines[0].strip(), Long.parseLong(lines[1].strip()),
            Long.parseLong(lines[2].strip())));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    boolean alive() {
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      if (p.isEmpty() || !p.get().isAlive()) {
        return false;
      }
      // why: a pid is reused; the same pid started at another time is another process
      return p.get().info().startInstant().map(Instant::toEpochMilli)
          .map(t -> startedMillis == 0 || Math.abs(t - startedMillis) < 1_000).orElse(true);
    }

    String describe() {
      return "process " + pid + " (started " + Instant.ofEpochMilli(startedMillis) + ")";
    }
  }
}
