package dev.baton.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.baton.app.BatonApp;
import dev.baton.app.ConfigLoader;
import dev.baton.core.json.Json;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.auth.Role;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Webhooks managed from the settings page over real HTTP: a real server with the dashboard, a
 * receiver on this machine (allowed by the server's allow-list), sessions signed in with keys of
 * each role. Admin only, the form's token required, the secret shown once, a test delivery
 * arriving signed, a delete stopping them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookSettingsTest {
  record Received(String body, HttpHeaders headers) {}

  final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
  HttpServer receiver;
  Path home;
  BatonApp app;
  BatonServer server;
  String base;
  String hookUrl;

  @BeforeAll
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(body, HttpHeaders.of(exchange.getRequestHeaders(),
          (a, b) -> true)));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    home = Files.createTempDirectory("baton-dashboard-hooks");
    app = BatonApp.open(ConfigLoader.load(home, Map.of(), Map.of()));
    server = BatonServer.start(app, ServerOptions.defaults().withHost("127.0.0.1").withPort(0)
        .withWebhookAllowList(List.of("127.0.0.1:" + receiver.getAddress().getPort()))
        .withWebhookRetryBase(Duration.ofMillis(200)), List.of(new DashboardExtension()));
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (app != null) {
      app.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  Viewer signIn(Role role) throws Exception {
    return Viewer.signIn(base, server.context().keys().create(app.config().tenant(),
        role.wire() + " person", role).secret());
  }

  static String form(String... pairs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  @Test
  void anAdminAddsTestsAndDeletesAWebhookAndNobodyElseCan() throws Exception {
    String tenant = app.config().tenant();
    Viewer admin = signIn(Role.ADMIN);
    String page = admin.get("/ui/settings");
    assertThat(page).contains("id=\"webhook-form\"", "StatusChanged", "QuestionAsked")
        .doesNotContain("does not offer");
    String csrf = Viewer.csrf(page);

    // other roles see no form and are refused; a request without the token or from another
    // site is refused; nothing is made
    for (Role role : List.of(Role.VIEWER, Role.APPROVER, Role.OPERATOR)) {
      Viewer other = signIn(role);
      String theirs = other.get("/ui/settings");
      assertThat(theirs).doesNotContain("webhook-form");
      assertThat(other.postRaw("/ui/settings/webhooks", form("_csrf", Viewer.csrf(theirs),
          "url", hookUrl, "events", ""), "Origin", base)).isEqualTo(403);
    }
    assertThat(admin.postRaw("/ui/settings/webhooks", form("url", hookUrl), "Origin", base))
        .isEqualTo(403);
    assertThat(admin.postRaw("/ui/settings/webhooks", form("_csrf", csrf, "url", hookUrl),
        "Origin", "http://evil.example")).isEqualTo(403);
    // an unknown event type, a target on the server's own network, and no URL are refused
    var unknown = admin.postForm("/ui/settings/webhooks", form("_csrf", csrf, "url", hookUrl,
        "events", "StatusChanged, Nope"), "Origin", base);
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(unknown.body()).contains("unknown event type", "Nope");
    var internal = admin.postForm("/ui/settings/webhooks", form("_csrf", csrf, "url",
        "http://10.1.2.3/hook", "events", ""), "Origin", base);
    assertThat(internal.statusCode()).isEqualTo(422);
    assertThat(internal.body()).contains("own network");
    assertThat(server.context().webhooks().list(tenant)).isEmpty();

    // the admin adds one: the secret is shown once, on a page not kept by caches
    var made = admin.postForm("/ui/settings/webhooks", form("_csrf", csrf, "url", hookUrl,
        "events", "StatusChanged QuestionAsked"), "Origin", base);
    assertThat(made.statusCode()).isEqualTo(200);
    assertThat(made.headers().firstValue("Cache-Control")).hasValue("no-store");
    var hooks = server.context().webhooks().list(tenant);
    assertThat(hooks).hasSize(1);
    var hook = hooks.getFirst();
    assertThat(hook.url().toString()).isEqualTo(hookUrl);
    assertThat(hook.events()).containsExactlyInAnyOrder("StatusChanged", "QuestionAsked");
    assertThat(made.body()).contains(hook.secret()).contains("id=\"secret\"");
    String listed = admin.get("/ui/settings");
    assertThat(listed).contains("data-webhook=\"" + hook.id() + "\"", hookUrl,
        "QuestionAsked, StatusChanged").doesNotContain(hook.secret());

    // a test delivery: queued from the page, it arrives signed with that secret
    assertThat(signIn(Role.OPERATOR).postRaw("/ui/settings/webhooks/" + hook.id() + "/test",
        form("_csrf", csrf), "Origin", base)).isEqualTo(403);
    var tested = admin.postForm("/ui/settings/webhooks/" + hook.id() + "/test",
        form("_csrf", csrf), "Origin", base);
    assertThat(tested.statusCode()).isEqualTo(303);
    assertThat(tested.headers().firstValue("Location").orElseThrow())
        .startsWith("/ui/settings?tested=" + hook.id());
    Received delivery = received.poll(60, TimeUnit.SECONDS);
    assertThat(delivery).isNotNull();
    assertThat(Json.mapper().readTree(delivery.body()).path("type").asString())
        .isEqualTo("baton.test");
    new com.standardwebhooks.Webhook(hook.secret()).verify(delivery.body(), delivery.headers());
    assertThat(admin.get("/ui/settings?tested=" + hook.id())).contains("role=\"status\"");
    // the page shows the latest delivery once the outbox recorded it
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String after = admin.get("/ui/settings");
    while (!after.contains("test: delivered") && System.nanoTime() < until) {
      Thread.sleep(100);
      after = admin.get("/ui/settings");
    }
    assertThat(after).contains("test: delivered");

    // an approver cannot delete it, an unknown one is not found, and the admin deletes it
    assertThat(signIn(Role.APPROVER).postRaw("/ui/settings/webhooks/" + hook.id() + "/delete",
        form("_csrf", csrf), "Origin", base)).isEqualTo(403);
    assertThat(admin.postRaw("/ui/settings/webhooks/wh_nothere/delete", form("_csrf", csrf),
        "Origin", base)).isEqualTo(404);
    assertThat(admin.postRaw("/ui/settings/webhooks/" + hook.id() + "/delete",
        form("_csrf", csrf), "Origin", base)).isEqualTo(303);
    assertThat(server.context().webhooks().list(tenant)).noneMatch(h -> h.active());
    assertThat(admin.get("/ui/settings")).doesNotContain(hookUrl);
  }
}
