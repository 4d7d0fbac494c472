package dev.baton.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

// why: change notifications are inotify, Linux only; elsewhere the index walks the folder instead
@EnabledOnOs(OS.LINUX)
class FolderWatcherTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path root;
  FolderWatcher watcher;

  @BeforeEach
  void open() throws Exception {
    Path marks = Files.createDirectories(root.resolve(".marks"));
    watcher = FolderWatcher.open(marks).orElse(null);
    assertThat(watcher).as("inotify must be available on Linux").isNotNull();
    watcher.watch(root, null);
  }

  @AfterEach
  void close() {
    if (watcher != null) {
      watcher.close();
    }
  }

  @Test
  void reportsEveryChangeMadeBeforeTheCall() throws Exception {
    for (int i = 0; i < 50; i++) {
      Path file = root.resolve("f" + i + ".md");
      Files.writeString(file, "x" + i);
      FolderWatcher.Changes changes = watcher.changes(WAIT);
      assertThat(changes.complete()).isTrue();
      assertThat(changes.paths()).as("round " + i).contains(file);
    }
    assertThat(watcher.changes(WAIT)).isEqualTo(new FolderWatcher.Changes(true,
        java.util.Set.of()));
  }

  @Test
  void returnsWhileAFolderKeepsChanging() throws Exception {
    Path busy = Files.createDirectories(root.resolve("busy"));
    watcher.watch(busy, null);
    AtomicBoolean writing = new AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicInteger written =
        new java.util.concurrent.atomic.AtomicInteger();
    Thread writer = Thread.ofPlatform().start(() -> {
      for (int i = 0; writing.get(); i++) {
        try {
          Files.writeString(busy.resolve("log.txt"), "line " + i);
          written.incrementAndGet();
        } catch (java.io.IOException e) {
          return;
        }
      }
    });
    try {
      while (written.get() < 100) {
        Thread.onSpinWait();
      }
      for (int i = 0; i < 20; i++) {
        Path file = root.resolve("g" + i + ".md");
        Files.writeString(file, "y");
        FolderWatcher.Changes changes = watcher.changes(WAIT);
        // lost events (overflow) are the one acceptable other answer: the caller then walks
        if (changes.complete()) {
          assertThat(changes.paths()).as("round " + i).contains(file);
        }
      }
      assertThat(writer.isAlive()).as("still writing").isTrue();
    } finally {
      writing.set(false);
      writer.join();
    }
  }

  @Test
  void forgetsFoldersMovedAwayAndWatchesThemUnderTheirNewName() throws Exception {
    Path a = Files.createDirectories(root.resolve("a"));
    watcher.watch(a, Files.readAttributes(a, java.nio.file.attribute.BasicFileAttributes.class)
        .fileKey());
    watcher.changes(WAIT);
    Path b = root.resolve("b");
    Files.move(a, b);
    assertThat(watcher.changes(WAIT).paths()).contains(a, b);
    watcher.forget(a);
    watcher.watch(b, Files.readAttributes(b, java.nio.file.attribute.BasicFileAttributes.class)
        .fileKey());
    Files.writeString(b.resolve("inside.md"), "z");
    assertThat(watcher.changes(WAIT).paths()).containsExactly(b.resolve("inside.md"));
  }
}
