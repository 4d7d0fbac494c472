package dev.baton.tools.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
  @TempDir
  Path root;
  @TempDir
  Path outside;

  @Test
  void resolvesPathsInsideTheWorkspace() {
    Workspace ws = new Workspace(root);
    assertThat(ws.resolve("docs/a.md")).isEqualTo(ws.root().resolve("docs/a.md"));
    assertThat(ws.resolve("")).isEqualTo(ws.root());
    assertThat(ws.relative(ws.resolve("docs/./a.md"))).isEqualTo("docs/a.md");
  }

  @Test
  void refusesDotDot() {
    assertRefused(new Workspace(root), "../secret.txt", "'..'");
    assertRefused(new Workspace(root), "docs/../../x", "'..'");
  }

  @Test
  void refusesAbsolutePaths() {
    assertRefused(new Workspace(root), "/etc/passwd", "absolute");
    assertRefused(new Workspace(root), "C:\\Windows\\win.ini", "absolute");
  }

  @Test
  void readsAndWritesNeverFollowALinkWhereverItPoints() throws Exception {
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Files.createDirectories(root.resolve("real"));
    Files.writeString(root.resolve("real/x.md"), "inside");
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
    Files.createSymbolicLink(root.resolve("file-link.md"), outside.resolve("secret.txt"));
    Workspace ws = new Workspace(root);
    assertRefusedUse(() -> ws.read("escape/secret.txt"), "symbolic link");
    assertRefusedUse(() -> ws.read("file-link.md"), "symbolic link");
    assertRefusedUse(() -> ws.read("alias/x.md"), "symbolic link");
    assertRefusedUse(() -> ws.write("escape/new.md", new byte[] {1},
        Workspace.IfExists.REPLACE), "symbolic link");
    assertThat(outside.resolve("new.md")).doesNotExist();
    assertThat(new String(ws.read("real/x.md"))).isEqualTo("inside");
  }

  @Test
  void listingShowsLinksAsLinksWithoutLookingAtWhatTheyPointTo() throws Exception {
    Files.writeString(outside.resolve("big.bin"), "x".repeat(10_000));
    Files.createSymbolicLink(root.resolve("to-outside"), outside.resolve("big.bin"));
    Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nothing-here"));
    Files.createSymbolicLink(root.resolve("outside-folder"), outside);
    Files.writeString(root.resolve("a.md"), "abc");
    Workspace ws = new Workspace(root);
    var entries = ws.list("", true);
    assertThat(entries).extracting(Workspace.Entry::path).containsExactly("a.md", "dangling",
        "outside-folder", "to-outside");
    assertThat(entries).filteredOn(e -> e.kind() == Workspace.Kind.LINK)
        .hasSize(3).allSatisfy(e -> assertThat(e.bytes()).isZero());
    assertThat(entries.getFirst().bytes()).isEqualTo(3);
  }

  @Test
  void batonsOwnDataIsOutOfReachEvenInsideTheWorkspace() throws Exception {
    Path home = root.resolve("data");
    Files.createDirectories(home);
    Files.writeString(home.resolve("baton.properties"), "store.password=hunter2");
    Files.createDirectories(root.resolve(".baton/index"));
    Files.writeString(root.resolve(".baton/index/segments_1"), "x");
    Workspace ws = new Workspace(root, java.util.List.of(home));
    assertRefusedUse(() -> ws.read("data/baton.properties"), "Baton's own data");
    assertRefusedUse(() -> ws.read(".baton/index/segments_1"), "Baton's own data");
    assertRefusedUse(() -> ws.write("data/keys.txt", new byte[] {1},
        Workspace.IfExists.REPLACE), "Baton's own data");
    assertRefusedUse(() -> ws.read("./data/../data/baton.properties"), "'..'");
    assertThat(ws.list("", true)).extracting(Workspace.Entry::path).doesNotContain("data",
        "data/baton.properties");
    assertThat(home.resolve("keys.txt")).doesNotExist();
  }

  @Test
  void whenTheDataFolderIsTheWorkspaceItsFilesStayOutOfReach() throws Exception {
    Files.writeString(root.resolve("baton.db"), "SQLite format 3");
    Files.writeString(root.resolve("notes.md"), "notes");
    Workspace ws = new Workspace(root, java.util.List.of(root, root.resolve("baton.db")));
    assertRefusedUse(() -> ws.read("baton.db"), "Baton's own data");
    assertThat(new String(ws.read("notes.md"))).isEqualTo("notes");
    assertThat(ws.list("", false)).extracting(Workspace.Entry::path).containsExactly("notes.md");
  }

  @Test
  void aTakenNameIsNeverReplacedWhenAskedNotTo() throws Exception {
    Workspace ws = new Workspace(root);
    ws.write("a.md", "first".getBytes(), Workspace.IfExists.FAIL);
    assertThatThrownBy(() -> ws.write("a.md", "second".getBytes(), Workspace.IfExists.FAIL))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(root.resolve("a.md")).hasContent("first");
    ws.write("deep/er/b.md", "made".getBytes(), Workspace.IfExists.REPLACE);
    assertThat(root.resolve("deep/er/b.md")).hasContent("made");
    assertThat(ws.list("", false)).extracting(Workspace.Entry::path)
        .containsExactly("a.md", "deep");
  }

  private interface Use {
    void run() throws Exception;
  }

  private static void assertRefusedUse(Use use, String why) {
    assertThatThrownBy(use::run)
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.TOOL_FAILED);
          assertThat(e.retryable()).isFalse();
        })
        .hasMessageContaining(why);
  }

  private static void assertRefused(Workspace ws, String path, String why) {
    assertThatThrownBy(() -> ws.resolve(path))
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.TOOL_FAILED);
          assertThat(e.retryable()).isFalse();
        })
        .hasMessageContaining(why);
  }
}
