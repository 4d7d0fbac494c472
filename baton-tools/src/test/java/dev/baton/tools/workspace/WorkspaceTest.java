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
  void refusesASymlinkThatLeadsOutside() throws Exception {
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Workspace ws = new Workspace(root);
    assertRefused(ws, "escape/secret.txt", "symbolic link");
    assertRefused(ws, "escape/new-file.md", "symbolic link");
  }

  @Test
  void allowsASymlinkThatStaysInside() throws Exception {
    Files.createDirectories(root.resolve("real"));
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
    assertThat(new Workspace(root).resolve("alias/x.md")).isNotNull();
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
