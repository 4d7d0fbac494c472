package dev.baton.tools.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.Json;
import dev.baton.tools.Contexts;
import dev.baton.tools.DavFixtures;
import dev.baton.tools.RadicaleAccess;
import dev.baton.tools.dav.DavClient;
import dev.baton.tools.workspace.DemoWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardDavContactsBackendTest {
  static RadicaleAccess radicale;

  @TempDir
  Path root;

  @BeforeAll
  static void start() throws Exception {
    radicale = RadicaleAccess.start();
  }

  @AfterAll
  static void stop() throws Exception {
    radicale.close();
  }

  @Test
  void findsHebrewAndEnglishNamesOnTheServer() throws Exception {
    DemoWorkspace.create(root, LocalDate.of(2026, 1, 20));
    var url = radicale.url("carol", "book");
    DavFixtures.putContacts(url, Files.readString(root.resolve("contacts.vcf")));
    var backend = new CardDavContactsBackend(new DavClient("CardDAV server", "carol", "x"), url);
    assertThat(backend.all()).hasSize(8);
    var out = new FindContactTool(backend).call(Json.tree(Map.of("name", "Yoav Cohen",
        "context", List.of("תבואות"))), Contexts.of("c"));
    assertThat(out.get("matches").get(0).get("name").asString()).isEqualTo("יואב כהן");
  }

  @Test
  void aMissingAddressBookIsEmpty() throws Exception {
    var backend = new CardDavContactsBackend(new DavClient("CardDAV server", "carol", "x"),
        radicale.url("carol", "nothing-here"));
    assertThat(backend.all()).isEmpty();
  }
}
