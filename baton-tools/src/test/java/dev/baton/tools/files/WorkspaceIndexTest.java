package dev.baton.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.tools.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index kept up to date with the folder: every change made before a search is seen by it,
 * with change notifications (watch) and without (a walk of the folder before every search).
 */
class WorkspaceIndexTest {
  static final ZoneId TZ = ZoneId.of("Asia/Jerusalem");

  @TempDir
  Path root;
  final List<LuceneFolderDrive> drives = new ArrayList<>();

  LuceneFolderDrive drive(boolean watch) {
    // why: no periodic walk during a test, so the watcher alone must find every change
    LuceneFolderDrive d = new LuceneFolderDrive(new Workspace(root), TZ, watch,
        Duration.ofHours(1));
    drives.add(d);
    return d;
  }

  /** With a watcher, only the first search walks the folder; without, every search does. */
  static void assertWalks(LuceneFolderDrive drive, int whenWatching) {
    if (drive.index().watching()) {
      assertThat(drive.index().walks()).as("walks of the whole folder").isEqualTo(whenWatching);
    }
  }

  @AfterEach
  void close() throws Exception {
    for (LuceneFolderDrive d : drives) {
      d.close();
    }
  }

  static List<String> paths(Drive drive, String words) {
    return drive.search(new Drive.Search(words, Optional.empty(), Optional.empty(),
        Optional.empty(), 50)).stream().map(Drive.Hit::path).toList();
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "change notifications are inotify, Linux only")
  void watchesTheFolderWhereThePlatformCan() {
    LuceneFolderDrive drive = drive(true);
    assertThat(paths(drive, "anything")).isEmpty();
    assertThat(drive.index().watching()).isTrue();
    assertThat(drive(false).index().watching()).isFalse();
  }

  @Test
  void readsASmallIndexAndMapsALargeOne() throws Exception {
    Path folder = Files.createDirectories(root.resolve("index"));
    Files.write(folder.resolve("_0.cfs"), new byte[1024]);
    try (var d = WorkspaceIndex.directory(folder)) {
      assertThat(d).isInstanceOf(org.apache.lucene.store.NIOFSDirectory.class);
    }
    try (var f = java.nio.channels.FileChannel.open(folder.resolve("_1.cfs"),
        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
      // why: a sparse file: its size without writing the bytes
      f.write(java.nio.ByteBuffer.wrap(new byte[1]), WorkspaceIndex.MAP_FROM_BYTES);
    }
    try (var d = WorkspaceIndex.directory(folder)) {
      assertThat(d).isInstanceOf(org.apache.lucene.store.MMapDirectory.class);
    }
  }

  @ParameterizedTest(name = "watch={0}")
  @ValueSource(booleans = {true, false})
  void seesFilesAddedChangedAndDeletedBetweenTwoSearches(boolean watch) throws Exception {
    Files.writeString(root.resolve("a.md"), "# A\nalpha");
    LuceneFolderDrive drive = drive(watch);
    assertThat(paths(drive, "alpha")).containsExactly("a.md");

    Files.writeString(root.resolve("b.txt"), "bravo");
    assertThat(paths(drive, "bravo")).containsExactly("b.txt");

    Files.writeString(root.resolve("a.md"), "# A\nalpha charlie, longer now");
    assertThat(paths(drive, "charlie")).containsExactly("a.md");

    Files.delete(root.resolve("b.txt"));
    assertThat(paths(drive, "bravo")).isEmpty();

    Files.move(root.resolve("a.md"), root.resolve("renamed.md"));
    assertThat(paths(drive, "alpha")).containsExactly("renamed.md");

    Files.move(root.resolve("renamed.md"), root.resolve("renamed.png"));
    assertThat(paths(drive, "alpha")).isEmpty();
    assertWalks(drive, 1);
  }

  @ParameterizedTest(name = "watch={0}")
  @ValueSource(booleans = {true, false})
  void seesFoldersCreatedMovedAndDeleted(boolean watch) throws Exception {
    LuceneFolderDrive drive = drive(watch);
    assertThat(paths(drive, "delta")).isEmpty();

    // a new folder tree, written in full before the next search
    Path deep = Files.createDirectories(root.resolve("x/y/z"));
    Files.writeString(deep.resolve("d.md"), "delta");
    Files.writeString(root.resolve("x/e.md"), "delta echo");
    assertThat(paths(drive, "delta")).containsExactlyInAnyOrder("x/y/z/d.md", "x/e.md");

    // a file added later in the new folder is seen (the folder is watched now)
    Files.writeString(deep.resolve("f.md"), "foxtrot");
    assertThat(paths(drive, "foxtrot")).containsExactly("x/y/z/f.md");

    // a folder moved within the workspace: old paths gone, new ones found, and watched
    Files.move(root.resolve("x"), root.resolve("moved"));
    assertThat(paths(drive, "delta")).containsExactlyInAnyOrder("moved/y/z/d.md", "moved/e.md");
    Files.writeString(root.resolve("moved/y/z/g.md"), "golf");
    assertThat(paths(drive, "golf")).containsExactly("moved/y/z/g.md");
    Files.writeString(root.resolve("moved/y/z/d.md"), "delta hotel");
    assertThat(paths(drive, "hotel")).containsExactly("moved/y/z/d.md");

    // a folder deleted with everything in it
    try (var walk = Files.walk(root.resolve("moved"))) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertThat(paths(drive, "delta golf foxtrot hotel echo")).isEmpty();

    // a folder replaced by a file of the same name
    Files.createDirectories(root.resolve("same"));
    Files.writeString(root.resolve("same/inside.md"), "india");
    assertThat(paths(drive, "india")).containsExactly("same/inside.md");
    Files.delete(root.resolve("same/inside.md"));
    Files.delete(root.resolve("same"));
    Files.writeString(root.resolve("same"), "not a document");
    assertThat(paths(drive, "india")).isEmpty();
    assertWalks(drive, 1);
  }

  @ParameterizedTest(name = "watch={0}")
  @ValueSource(booleans = {true, false})
  void leavesHiddenFilesAndFoldersOut(boolean watch) throws Exception {
    LuceneFolderDrive drive = drive(watch);
    assertThat(paths(drive, "juliet")).isEmpty();
    Files.writeString(root.resolve(".secret.md"), "juliet");
    Files.createDirectories(root.resolve(".git/sub"));
    Files.writeString(root.resolve(".git/sub/x.md"), "juliet");
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/.draft.md"), "juliet");
    Files.writeString(root.resolve("docs/seen.md"), "juliet");
    assertThat(paths(drive, "juliet")).containsExactly("docs/seen.md");
    assertWalks(drive, 1);
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "change notifications are inotify, Linux only")
  void aChangeOfTheSameSizeIsSeenAtOnceWhenWatching() throws Exception {
    LuceneFolderDrive drive = drive(true);
    assertThat(drive.index().watching()).isTrue();
    Path file = root.resolve("same-size.txt");
    for (int i = 0; i < 10; i++) {
      String word = "kilo" + (char) ('a' + i);
      Files.writeString(file, "word " + word);
      assertThat(paths(drive, word)).as("round " + i).containsExactly("same-size.txt");
    }
    assertWalks(drive, 1);
  }

  @Test
  void everyWriteIsSeenByTheNextSearch() throws Exception {
    LuceneFolderDrive drive = drive(true);
    for (int i = 0; i < 20; i++) {
      Path dir = Files.createDirectories(root.resolve("round-" + (i % 5)));
      Files.writeString(dir.resolve("n" + i + ".md"), "note lima" + i);
      assertThat(paths(drive, "lima" + i)).as("round " + i)
          .containsExactly("round-" + (i % 5) + "/n" + i + ".md");
      if (i % 3 == 0) {
        Files.delete(dir.resolve("n" + i + ".md"));
        assertThat(paths(drive, "lima" + i)).as("deleted in round " + i).isEmpty();
      }
    }
    assertWalks(drive, 1);
  }

  @ParameterizedTest(name = "watch={0}")
  @ValueSource(booleans = {true, false})
  void indexesManyFilesAtOnceIncludingUnreadableOnes(boolean watch) throws Exception {
    int count = WorkspaceIndex.PARALLEL_FROM * 4;
    for (int i = 0; i < count; i++) {
      Path dir = Files.createDirectories(root.resolve("f" + (i % 7)));
      Files.writeString(dir.resolve("doc-" + i + ".md"), "# Doc " + i + "\nmike m" + i);
    }
    Files.write(root.resolve("broken.docx"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    LuceneFolderDrive drive = drive(watch);
    assertThat(drive.refresh()).isEqualTo(count + 1);
    assertThat(drive.refresh()).isZero();
    assertThat(drive.search(new Drive.Search("mike", Optional.empty(), Optional.empty(),
        Optional.empty(), 200))).hasSize(count);
    assertThat(paths(drive, "m17")).containsExactly("f3/doc-17.md");
    assertThat(paths(drive, "broken")).isEmpty();

    // many changes between two searches (the parallel path on the update side too)
    for (int i = 0; i < count; i++) {
      Files.writeString(root.resolve("f" + (i % 7)).resolve("doc-" + i + ".md"),
          "# Doc " + i + "\nnovember n" + i);
    }
    assertThat(drive.search(new Drive.Search("november", Optional.empty(), Optional.empty(),
        Optional.empty(), 200))).hasSize(count);
    assertThat(paths(drive, "mike")).isEmpty();
    assertWalks(drive, 2);
  }

  @Test
  void aReopenedIndexCatchesUpWithChangesMadeWhileClosed() throws Exception {
    Files.writeString(root.resolve("keep.md"), "oscar");
    Files.writeString(root.resolve("change.md"), "papa");
    Files.writeString(root.resolve("gone.md"), "quebec");
    try (LuceneFolderDrive first = new LuceneFolderDrive(new Workspace(root), TZ)) {
      assertThat(first.refresh()).isEqualTo(3);
    }
    Files.writeString(root.resolve("change.md"), "papa romeo, changed");
    Files.delete(root.resolve("gone.md"));
    Files.writeString(root.resolve("new.md"), "sierra");
    LuceneFolderDrive again = drive(true);
    assertThat(paths(again, "oscar")).containsExactly("keep.md");
    assertThat(paths(again, "romeo")).containsExactly("change.md");
    assertThat(paths(again, "quebec")).isEmpty();
    assertThat(paths(again, "sierra")).containsExactly("new.md");
    assertThat(again.refresh()).isZero();
  }

  @Test
  void concurrentSearchesWhileFilesChangeAllSucceed() throws Exception {
    LuceneFolderDrive drive = drive(true);
    Files.writeString(root.resolve("base.md"), "tango");
    assertThat(paths(drive, "tango")).containsExactly("base.md");
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Future<Integer>> searches = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 8; t++) {
        searches.add(pool.submit(() -> {
          int rounds = 0;
          while (writing.get() || rounds < 5) {
            assertThat(paths(drive, "tango")).contains("base.md");
            rounds++;
          }
          return rounds;
        }));
      }
      for (int i = 0; i < 60; i++) {
        Path dir = Files.createDirectories(root.resolve("c" + (i % 4)));
        Files.writeString(dir.resolve("u" + i + ".md"), "tango uniform" + i);
        if (i % 4 == 3) {
          Files.delete(root.resolve("c" + ((i - 1) % 4)).resolve("u" + (i - 1) + ".md"));
        }
      }
      writing.set(false);
      for (Future<Integer> f : searches) {
        assertThat(f.get()).isPositive();
      }
    }
    assertThat(paths(drive, "uniform59")).containsExactly("c3/u59.md");
    assertThat(paths(drive, "uniform58")).isEmpty();
    assertThat(paths(drive, "tango")).hasSize(1 + 60 - 15);
    assertWalks(drive, 1);
  }
}
