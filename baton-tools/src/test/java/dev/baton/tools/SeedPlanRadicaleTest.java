package dev.baton.tools;

import dev.baton.testkit.Radicale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.plan.PlanValidator;
import dev.baton.core.plan.StepId;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.tools.workspace.DemoWorkspace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedPlanRadicaleTest {
  static Radicale radicale;

  @TempDir
  Path workspace;

  @BeforeAll
  static void start() throws Exception {
    radicale = Radicale.start();
  }

  @AfterAll
  static void stop() throws Exception {
    radicale.close();
  }

  @Test
  void seedPlanCreatesTheMeetingOnTheCalDavServer() throws Exception {
    DemoWorkspace.create(workspace, SeedPlan.TODAY);
    URI calendar = radicale.url("alice", "seed-calendar");
    URI book = radicale.url("alice", "seed-contacts");
    DavFixtures.putContacts(book, Files.readString(workspace.resolve("contacts.vcf")));
    var config = AgentsConfig.embedded(workspace).withClock(SeedPlan.CLOCK)
        .withCalendar(AgentsConfig.Calendar.calDav(new AgentsConfig.Dav(calendar, "alice", "x")))
        .withContacts(AgentsConfig.Contacts.cardDav(new AgentsConfig.Dav(book, "alice", "x")));
    var tools = BuiltInAgents.tools(config);
    var plan = SeedPlan.load();
    assertThat(new PlanValidator(ToolCatalog.of(tools)).validate(plan)).isEmpty();

    var out = SeedPlan.run(plan, tools, "exec-seed-dav");

    String uid = out.get(StepId.of("meeting")).get("uid").asString();
    String body = rawReport(calendar);
    assertThat(body).contains("UID:" + uid).contains("yoav.cohen@tevuot.co.il");
    assertThat(workspace.resolve("agendas/tevuot-december-review.md")).exists();
  }

  /** A calendar-query REPORT written by hand, independent of the client under test. */
  private static String rawReport(URI calendar) throws Exception {
    String xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
          <D:prop><C:calendar-data/></D:prop>
          <C:filter><C:comp-filter name="VCALENDAR"/></C:filter>
        </C:calendar-query>
        """;
    var request = HttpRequest.newBuilder(calendar)
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("alice:x".getBytes(StandardCharsets.UTF_8)))
        .header("Depth", "1").header("Content-Type", "application/xml")
        .method("REPORT", HttpRequest.BodyPublishers.ofString(xml)).build();
    var response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(207);
    // why: iCalendar folds long lines; unfold before looking for values
    return response.body().replace("\r\n ", "").replace("\n ", "");
  }
}
