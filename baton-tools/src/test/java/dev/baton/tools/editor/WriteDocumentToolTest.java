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
  void aRetryOfTheSameStepFindsItsFileAndAnotherStepTakesTheNextFreeName() throws Exception {
    var tool = new WriteDocumentTool(new Workspace(root));
    for (String name : new String[] {"b.md", "b.docx"}) {
      String ext = name.substring(name.indexOf('.'));
      var first = tool.call(Json.tree(args(name)), Contexts.of("exec-1", "agenda"));
      var retry = tool.call(Json.tree(args(name)), Contexts.of("exec-1", "agenda"));
      assertThat(retry.get("path").asString()).isEqualTo(first.get("path").asString())
          .isEqualTo(name);
      byte[] kept = Files.readAllBytes(root.resolve(name));
      var other = tool.call(Json.tree(args(name, "Other")), Contexts.of("exec-2", "agenda"));
      assertThat(other.get("path").asString()).isEqualTo("b-2" + ext);
      assertThat(other.get("renamed").asBoolean()).isTrue();
      assertThat(Files.readAllBytes(root.resolve(name))).isEqualTo(kept);
      var third = tool.call(Json.tree(args(name, "Third")), Contexts.of("exec-3", "agenda"));
      assertThat(third.get("path").asString()).isEqualTo("b-3" + ext);
    }
  }

  @Test
  void thePreviewNamesTheFileItWillWriteAndShowsTheWholeDocument() throws Exception {
    var tool = new WriteDocumentTool(new Workspace(root));
    String longItem = "An item that goes on " + "and on ".repeat(60) + "to the end";
    Map<String, Object> a = Map.of("path", "agendas/a.md", "title", "T", "sections",
        List.of(Map.of("heading", "H", "items", List.of("one", longItem, "three\u200Bhidden"))));
    String preview = tool.preview(Json.tree(a)).orElseThrow();
    assertThat(preview).startsWith("writes a new file agendas/a.md").contains(longItem,
        "3. three", "# T");
    tool.call(Json.tree(a), Contexts.of("exec-1", "agenda"));
    assertThat(tool.preview(Json.tree(a)).orElseThrow()).startsWith("agendas/a.md already holds"
        + " exactly this document");
    Map<String, Object> b = new java.util.HashMap<>(a);
    b.put("title", "T2");
    String again = tool.preview(Json.tree(b)).orElseThrow();
    assertThat(again).startsWith("writes a new file agendas/a-2.md (agendas/a.md exists and is"
        + " kept)");
    var out = tool.call(Json.tree(b), Contexts.of("exec-2", "agenda"));
    assertThat(out.get("path").asString()).isEqualTo("agendas/a-2.md");
  }

  @Test
  void replacingAFileIsPreviewedAsADiffAndThenReplaces() throws Exception {
    var tool = new WriteDocumentTool(new Workspace(root));
    tool.call(Json.tree(args("c.md")), Contexts.of("exec-1", "agenda"));
    Map<String, Object> changed = new java.util.HashMap<>(args("c.md", "New title"));
    changed.put("overwrite", true);
    String preview = tool.preview(Json.tree(changed)).orElseThrow();
    assertThat(preview).startsWith("replaces c.md").contains("-# אג'נדה – תבואות",
        "+# New title");
    var out = tool.call(Json.tree(changed), Contexts.of("exec-2", "agenda"));
    assertThat(out.get("path").asString()).isEqualTo("c.md");
    assertThat(Files.readString(root.resolve("c.md"))).startsWith("# New title");
  }

  @Test
  void refusesToWriteOutsideTheWorkspace() {
    var tool = new WriteDocumentTool(new Workspace(root));
    assertThatThrownBy(() -> tool.call(Json.tree(args("../evil.md")), Contexts.of("a")))
        .isInstanceOf(BatonException.class);
    assertThat(root.getParent().resolve("evil.md")).doesNotExist();
  }
}
