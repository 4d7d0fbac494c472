package dev.baton.tools.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.json.Json;
import dev.baton.tools.Contexts;
import dev.baton.tools.files.DocumentReader;
import dev.baton.tools.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteDocumentToolTest {
  @TempDir
  Path root;

  Map<String, Object> args(String path) {
    return args(path, "אג'נדה – תבואות");
  }

  Map<String, Object> args(String path, String title) {
    return Map.of("path", path, "title", title, "intro", "Summary of December.",
        "sections", List.of(Map.of("heading", "סדר יום", "items",
            List.of("סקירת דצמבר", "Strategy planning"))));
  }

  @Test
  void writesMarkdown() throws Exception {
    var tool = new WriteDocumentTool(new Workspace(root));
    var out = tool.call(Json.tree(args("agendas/a.md")), Contexts.of("agenda"));
    assertThat(out.get("format").asString()).isEqualTo("markdown");
    assertThat(Files.readString(root.resolve("agendas/a.md")))
        .contains("# אג'נדה – תבואות").contains("1. סקירת דצמבר");
  }

  @Test
  void writesDocxThatReadsBack() throws Exception {
    var tool = new WriteDocumentTool(new Workspace(root));
    tool.call(Json.tree(args("a.docx")), Contexts.of("agenda"));
    assertThat(new DocumentReader().read(root.resolve("a.docx")).text())
        .contains("סקירת דצמבר").contains("Strategy planning");
  }

  @Test
  void aRetryOfTheSameStepSucceedsButAnotherStepMayNotOverwrite() throws Exception {
    var tool = new WriteDocumentTool(new Workspace(root));
    for (String name : new String[] {"b.md", "b.docx"}) {
      tool.call(Json.tree(args(name)), Contexts.of("exec-1", "agenda"));
      tool.call(Json.tree(args(name)), Contexts.of("exec-1", "agenda"));
      assertThatThrownBy(() -> tool.call(Json.tree(args(name, "Other")), Contexts.of("exec-2", "agenda")))
          .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining("exists");
    }
  }

  @Test
  void refusesToWriteOutsideTheWorkspace() {
    var tool = new WriteDocumentTool(new Workspace(root));
    assertThatThrownBy(() -> tool.call(Json.tree(args("../evil.md")), Contexts.of("a")))
        .isInstanceOf(BatonException.class);
    assertThat(root.getParent().resolve("evil.md")).doesNotExist();
  }
}
