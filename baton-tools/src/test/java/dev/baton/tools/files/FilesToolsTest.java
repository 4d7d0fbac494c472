package dev.baton.tools.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.json.Json;
import dev.baton.tools.Contexts;
import dev.baton.tools.workspace.DemoWorkspace;
import dev.baton.tools.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class FilesToolsTest {
  @TempDir
  Path root;
  LuceneFolderDrive drive;
  SearchFilesTool search;
  ReadFileTool read;

  @BeforeEach
  void setUp() {
    DemoWorkspace.create(root, LocalDate.of(2026, 1, 20));
    drive = new LuceneFolderDrive(new Workspace(root), java.time.ZoneId.of("Asia/Jerusalem"));
    search = new SearchFilesTool(drive);
    read = new ReadFileTool(drive);
  }

  @AfterEach
  void tearDown() throws Exception {
    drive.close();
  }

  private JsonNode search(Map<String, Object> args) throws Exception {
    return search.call(Json.tree(args), Contexts.of("search"));
  }

  @Test
  void findsHebrewWordsIgnoringNiqqudFinalLettersAndPrefixes() throws Exception {
    Files.writeString(root.resolve("niqqud.md"), "# שָׁלוֹם\nפגישה בְּתְבוּאוֹת עם הצוות");
    assertThat(search(Map.of("query", "שלומ")).get("paths").toString()).contains("niqqud.md");
    assertThat(search(Map.of("query", "תבואות")).get("paths").toString()).contains("niqqud.md")
        .contains("kickoff");
    assertThat(search(Map.of("query", "מודול המכירות")).get("paths").toString())
        .contains("סיכום-פגישה");
  }

  @Test
  void findsEnglishWordsInDocxAndPdf() throws Exception {
    String paths = search(Map.of("query", "AquaSense")).get("paths").toString();
    assertThat(paths).contains("vendor-review.docx").contains("year-end-summary.pdf");
  }

  @Test
  void filtersByDateRangeAndFolder() throws Exception {
    var december = search(Map.of("query", "Tevuot תבואות", "from", "2025-12-01",
        "to", "2025-12-31", "limit", 50)).get("paths").toString();
    assertThat(december).contains("kickoff").doesNotContain("early-ideas");
    var inOrchard = search(Map.of("from", "2025-12-01", "folder", "projects/orchard"))
        .get("paths");
    assertThat(inOrchard).hasSize(1);
  }

  @Test
  void keepsTheIndexUpToDateWithTheFolder() throws Exception {
    assertThat(search(Map.of("query", "zebra")).get("paths")).isEmpty();
    Files.writeString(root.resolve("zoo.txt"), "A zebra visited the farm.");
    assertThat(search(Map.of("query", "zebra")).get("paths").toString()).contains("zoo.txt");
    Files.writeString(root.resolve("zoo.txt"), "A giraffe visited the farm.");
    assertThat(search(Map.of("query", "giraffe")).get("paths").toString()).contains("zoo.txt");
    assertThat(search(Map.of("query", "zebra")).get("paths")).isEmpty();
    Files.delete(root.resolve("zoo.txt"));
    assertThat(search(Map.of("query", "giraffe")).get("paths")).isEmpty();
  }

  @Test
  void readsDocxAndPdfText() throws Exception {
    var docx = read.call(Json.tree(Map.of("path",
        "projects/tevuot/2025-12-11-pilot-plan.docx")), Contexts.of("read"));
    assertThat(docx.get("text").asString()).contains("תוכנית פיילוט תבואות");
    assertThat(docx.get("date").asString()).isEqualTo("2025-12-11");
    var pdf = read.call(Json.tree(Map.of("path",
        "projects/tevuot/2025-12-18-status-report.pdf")), Contexts.of("read"));
    assertThat(pdf.get("text").asString()).contains("Harvest logging");
  }

  @Test
  void corruptDocxAndPdfAreClearPermanentFailures() throws Exception {
    Files.write(root.resolve("broken.docx"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    Files.writeString(root.resolve("broken.pdf"), "%PDF-1.7 this is not a pdf");
    for (String name : new String[] {"broken.docx", "broken.pdf"}) {
      assertThatThrownBy(() -> read.call(Json.tree(Map.of("path", name)), Contexts.of("read")))
          .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining(name);
    }
    assertThat(search(Map.of("query", "Tevuot")).get("paths").size()).isPositive();
  }

  @Test
  void refusesPathsOutsideTheWorkspace() {
    assertThatThrownBy(() -> read.call(Json.tree(Map.of("path", "../x.md")), Contexts.of("r")))
        .isInstanceOf(BatonException.class).hasMessageContaining("..");
    assertThatThrownBy(() -> read.call(Json.tree(Map.of("path", "/etc/hostname")),
        Contexts.of("r"))).isInstanceOf(BatonException.class).hasMessageContaining("absolute");
  }

  @Test
  void listsFoldersWithoutHiddenFiles() throws Exception {
    var out = new ListFilesTool(drive).call(Json.tree(Map.of("recursive", true)),
        Contexts.of("list"));
    assertThat(out.toString()).contains("projects/tevuot").doesNotContain(".baton");
  }
}
