package dev.baton.tools.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.json.Json;
import dev.baton.tools.Contexts;
import dev.baton.tools.workspace.DemoWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ContactsTest {
  @TempDir
  Path root;

  @Test
  void skeletonsMeetAcrossScripts() {
    assertThat(NameSkeleton.of("יואב")).containsAnyElementsOf(NameSkeleton.of("Yoav"));
    assertThat(NameSkeleton.of("כהן")).containsAnyElementsOf(NameSkeleton.of("Cohen"));
    assertThat(NameSkeleton.of("מיכל")).containsAnyElementsOf(NameSkeleton.of("Michal"));
    assertThat(NameSkeleton.of("דוד")).containsAnyElementsOf(NameSkeleton.of("David"));
    assertThat(NameSkeleton.of("יואל")).doesNotContainAnyElementsOf(NameSkeleton.of("Yoav"));
  }

  private JsonNode find(ContactsBackend backend, Map<String, Object> args) throws Exception {
    return new FindContactTool(backend).call(Json.tree(args), Contexts.of("contacts"));
  }

  @Test
  void findsYoavInEitherScriptAndSaysWhenItIsAmbiguous() throws Exception {
    DemoWorkspace.create(root, LocalDate.of(2026, 1, 20));
    var vcf = new VcfContactsBackend(root.resolve("contacts.vcf"));
    var out = find(vcf, Map.of("name", "Yoav"));
    assertThat(out.get("ambiguous").asBoolean()).isTrue();
    assertThat(out.get("matches").toString()).contains("יואב כהן").contains("Yoav Levi")
        .contains("Yoav Cohen");
    var hebrew = find(vcf, Map.of("name", "יואב כהן"));
    assertThat(hebrew.get("matches").get(0).get("name").asString()).isEqualTo("יואב כהן");
    assertThat(hebrew.get("matches").get(1).get("name").asString()).isEqualTo("Yoav Cohen");
  }

  @Test
  void contextBreaksTheTie() throws Exception {
    DemoWorkspace.create(root, LocalDate.of(2026, 1, 20));
    var out = find(new VcfContactsBackend(root.resolve("contacts.vcf")),
        Map.of("name", "Yoav", "context", List.of("Tevuot")));
    assertThat(out.get("matches").get(0).get("email").asString())
        .isEqualTo("yoav.cohen@tevuot.co.il");
    assertThat(out.get("ambiguous").asBoolean()).isFalse();
  }

  @Test
  void nearCollisionsRankBelowTheName() throws Exception {
    DemoWorkspace.create(root, LocalDate.of(2026, 1, 20));
    var out = find(new VcfContactsBackend(root.resolve("contacts.vcf")), Map.of("name", "Yoel"));
    assertThat(out.get("matches").get(0).get("name").asString()).isEqualTo("יואל כהן");
  }

  @Test
  void aBrokenVcfIsAPermanentFailureAndStaysUntouched() throws Exception {
    Path file = root.resolve("broken.vcf");
    String text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana\r\nthis line is broken\r\nEND:VCARD\r\n";
    Files.writeString(file, text);
    assertThatThrownBy(() -> find(new VcfContactsBackend(file), Map.of("name", "Dana")))
        .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("line");
    assertThat(Files.readString(file)).isEqualTo(text);
  }
}
