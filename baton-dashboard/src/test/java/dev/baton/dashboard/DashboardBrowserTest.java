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
 * in reverse order, a hostile document shown as text, the keyboard alone; clarifying questions
 * (which Yoav, with the reason for each; a value to fill; a question beside an approval; by
 * keyboard; a viewer refused); screenshots of every
 * screen in both languages at laptop and phone width; no console errors; no serious or critical
 * axe-core violation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
  static final String HE_REQUEST = "תקרא מה עשינו בדצמבר בתבואות ותקבע פגישה עם יואב";
  static final String EN_REQUEST =
      "read what we did in December on Tevuot and set up a meeting with Yoav";

  dev.baton.testkit.Radicale radicale;
  URI calendar;
  Path home;
  BatonApp app;
  BatonServer server;
  DashboardExtension extension;
  String base;
  Browser browser;

  @BeforeAll
  void start() throws Exception {
    radicale = dev.baton.testkit.Radicale.start();
    calendar = radicale.url("me", "calendar");
    dev.baton.testkit.Radicale.makeCalendar(calendar);
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
    browser.until(d -> status.equals(browser.attr("#live", "data-status")));
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
    assertThat(dev.baton.testkit.Radicale.calendarData(calendar)).contains("DTSTART:" + stamp);

    // the timeline's bars overlap exactly where the event log's intervals do, and some do
    assertTimelineMatchesLog(id, true);
  }

  @Test
  @Order(2)
  void englishPlanOnlyThenRunShowsTheResultAndTheDocument() throws Exception {
    language("en");
    assertThat(browser.find("html").getAttribute("dir")).isEqualTo("ltr");
    browser.get(base + "/ui");
    browser.find("button.example[lang='en']").click();
    assertThat(browser.find("#request").getAttribute("value")).isEqualTo(
        "Read what we did in December on Tevuot and set up a meeting with Yoav");
    browser.find("#plan-only").click();
    browser.waitFor("#plan-form");
    assertThat(browser.all("svg.plan-graph g.node")).hasSizeGreaterThanOrEqualTo(4);
    assertThat(browser.all(".plan-steps li")).allSatisfy(li -> assertThat(li.getText())
        .contains("Why"));
    browser.shots("plan-en");
    browser.find("#run-plan").click();
    browser.until(d -> d.getCurrentUrl().contains("/ui/executions/"));
    String id = browser.driver.getCurrentUrl().replaceAll(".*/ui/executions/([^/?#]+).*", "$1");
    approvalFor("meeting");
    browser.shots("approval-en");
    approvalFor("meeting").findElement(org.openqa.selenium.By.cssSelector("button.approve"))
        .click();
    approvalFor("agenda").findElement(org.openqa.selenium.By.cssSelector("button.approve"))
        .click();
    waitStatus("succeeded");
    assertThat(browser.find("#result").getText()).contains("A meeting was created")
        .contains("yoav.cohen@tevuot.co.il");
    browser.shots("result-en");
    assertTimelineMatchesLog(id, true);
    assertThat(dev.baton.testkit.Radicale.calendarData(calendar).split("BEGIN:VEVENT", -1).length - 1)
        .isGreaterThanOrEqualTo(2);
    browser.find("#document-link").click();
    browser.waitFor("#document-text");
    assertThat(browser.find("#document-text").getText()).contains("Tevuot");
    browser.shots("document-en");
  }

  String submit(String plan, String request) {
    return app.engine().submit(new Submission(null, PlanCodec.parse(plan), request,
        app.config().tenant(), ExecutionOptions.DEFAULTS, null)).id().value();
  }

  static String sleeps(int n, long millis, boolean chain) {
    StringBuilder b = new StringBuilder("{\"steps\":[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i)
          .append("\",\"tool\":\"demo.sleep\",\"args\":{\"millis\":").append(millis)
          .append(",\"text\":\"step ").append(i).append("\"}")
          .append(chain && i > 0 ? ",\"after\":[\"s" + (i - 1) + "\"]" : "").append("}");
    }
    return b.append("]}").toString();
  }

  void open(String id) {
    browser.get(base + "/ui/executions/" + id);
    browser.waitFor("#live");
  }

  @Test
  @Order(3)
  void pauseStartsNothingNewAndResumeFinishes() throws Exception {
    String id = submit(sleeps(3, 1200, true), "pause and resume");
    open(id);
    browser.click("#pause");
    waitStatus("paused");
    browser.shots("paused-en");
    // in-flight steps finish; nothing new starts while paused
    browser.until(d -> browser.all("tr.step.running").isEmpty());
    assertThat(browser.attr("tr[data-step='s2']", "data-status")).isEqualTo("pending");
    browser.click("#resume");
    waitStatus("succeeded");
    assertThat(browser.all("tr.step.succeeded")).hasSize(3);
  }

  @Test
  @Order(4)
  void cancelStopsTheStepInFlight() {
    String id = submit(sleeps(2, 20_000, true), "cancel me");
    open(id);
    browser.until(d -> "running".equals(browser.attr("tr[data-step='s0']", "data-status")));
    browser.click("#cancel");
    waitStatus("cancelled");
    assertThat(browser.attr("tr[data-step='s0']", "data-status")).isEqualTo("cancelled");
  }

  @Test
  @Order(5)
  void rejectWithAReasonSkipsTheMeetingAndSaysWhy() {
    language("he");
    String id = startRun(HE_REQUEST);
    WebElement approval = approvalFor("meeting");
    approval.findElement(org.openqa.selenium.By.cssSelector("input[name='reason']"))
        .sendKeys("לא השבוע, יואב בחופש");
    approval.findElement(org.openqa.selenium.By.cssSelector("button.reject")).click();
    browser.until(d -> "skipped".equals(browser.attr("tr[data-step='meeting']", "data-status")));
    // the agenda needs the meeting, so it is skipped too and nothing asks for it
    browser.until(d -> browser.attr("#live", "data-status").equals("succeeded")
        || browser.attr("#live", "data-status").equals("failed"));
    var decided = app.store().events(ExecutionId.of(id), 0).stream()
        .filter(e -> e instanceof Event.ApprovalDecided).map(e -> (Event.ApprovalDecided) e)
        .toList();
    assertThat(decided).hasSize(1);
    assertThat(decided.getFirst().approved()).isFalse();
    assertThat(decided.getFirst().comment()).isEqualTo("לא השבוע, יואב בחופש");
  }

  @Test
  @Order(6)
  void aReloadMidExecutionContinuesWhereItWas() {
    language("en");
    String id = submit(sleeps(4, 900, true), "reload me");
    open(id);
    browser.until(d -> "succeeded".equals(browser.attr("tr[data-step='s0']", "data-status")));
    browser.driver.navigate().refresh();
    browser.waitFor("#live");
    waitStatus("succeeded");
    List<String> seqs = browser.all("#logs li").stream().map(li -> li.getAttribute("data-seq"))
        .toList();
    assertThat(seqs).doesNotHaveDuplicates().isNotEmpty();
    assertThat(browser.all("tr.step.succeeded")).hasSize(4);
  }

  @Test
  @Order(7)
  void twoParallelApprovalsAnsweredInReverseOrderAndAViewerCannotAnswer() throws Exception {
    String id = submit("""
        {"steps":[{"id":"tell-yoav","tool":"demo.notify","args":{"to":"Yoav","message":"one"}},
          {"id":"tell-dana","tool":"demo.notify","args":{"to":"Dana","message":"two"}}]}""",
        "two approvals");
    open(id);
    browser.until(d -> browser.all("section.approval").size() == 2);
    browser.until(d -> "2".equals(browser.find("#pending-count").getText().strip()));
    browser.shots("two-approvals-en");

    // a viewer sees no approve button, and the server refuses the answer anyway
    var viewerKey = server.context().keys().create(app.config().tenant(), "viewer",
        dev.baton.server.auth.Role.VIEWER).secret();
    Viewer viewer = Viewer.signIn(base, viewerKey);
    String page = viewer.get("/ui/executions/" + id);
    assertThat(page).contains("tell-yoav").doesNotContain("class=\"primary approve\"");
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) browser.js("return Array.from(document.querySelectorAll("
        + "'section.approval')).map(e => e.getAttribute('data-approval'))");
    String first = ids.get(0);
    String second = ids.get(1);
    assertThat(viewer.post("/ui/approvals/" + second + "/approve", page)).isEqualTo(403);

    browser.click("section.approval[data-approval='" + second + "'] button.approve");
    browser.until(d -> browser.all("section.approval").size() == 1);
    assertThat(browser.attr("section.approval", "data-approval")).isEqualTo(first);
    browser.click("section.approval button.approve");
    waitStatus("succeeded");
    var order = app.store().events(ExecutionId.of(id), 0).stream()
        .filter(e -> e instanceof Event.ApprovalDecided).map(e -> ((Event.ApprovalDecided) e)
            .approval().value()).toList();
    assertThat(order).containsExactly(second, first);
  }

  @Test
  @Order(8)
  void aDocumentWithScriptAndAnOnerrorImageShowsAsText() throws Exception {
    Path notes = app.config().workspace().resolve("notes");
    Files.createDirectories(notes);
    String hostile = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned=2\">";
    Files.writeString(notes.resolve("hostile.md"), "# Notes\n" + hostile + "\n");
    browser.get(base + "/ui/documents?path=notes/hostile.md");
    browser.waitFor("#document-text");
    assertThat(browser.find("#document-text").getText()).contains(hostile);
    assertThat(browser.all("#document-text img, #document-text script")).isEmpty();
    assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
    browser.shots("document-hostile-en");
    // and through a tool: its output in the context tab is text too
    String id = submit("""
        {"steps":[{"id":"read","tool":"files.read","args":{"path":"notes/hostile.md"}}]}""",
        "read the hostile note");
    open(id);
    waitStatus("succeeded");
    browser.find("#tab-context").click();
    assertThat(browser.find("#panel-context").getText()).contains(hostile);
    assertThat(browser.all("#panel-context img, #panel-context script")).isEmpty();
    assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
  }

  @Test
  @Order(9)
  void theKeyboardAloneApprovesAndRejects() {
    String id = submit("""
        {"steps":[{"id":"first","tool":"demo.notify","args":{"to":"Yoav","message":"keys"}},
          {"id":"second","tool":"demo.notify","args":{"to":"Dana","message":"keys"},
           "after":["first"]}]}""", "keyboard");
    open(id);
    approvalFor("first");
    tabTo("button.approve");
    browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    approvalFor("second");
    tabTo("input[name='reason']");
    browser.driver.switchTo().activeElement().sendKeys("not now");
    browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
    assertThat(browser.driver.switchTo().activeElement().getAttribute("class"))
        .contains("reject");
    browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    browser.until(d -> "skipped".equals(browser.attr("tr[data-step='second']", "data-status")));
    assertThat(browser.attr("tr[data-step='first']", "data-status")).isEqualTo("succeeded");
  }

  /** Presses Tab from the top of the page until {@code css} has the focus. */
  void tabTo(String css) {
    browser.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0,0)");
    var body = browser.find("body");
    body.sendKeys(Keys.TAB);
    for (int i = 0; i < 300; i++) {
      if ((Boolean) browser.js("return document.activeElement.matches(arguments[0])", css)) {
        return;
      }
      browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
    }
    throw new AssertionError("Tab never reached " + css);
  }

  @Test
  @Order(10)
  void everyScreenInBothLanguagesHasNoSeriousAccessibilityViolation() throws Exception {
    String done = app.store().list(app.config().tenant(), 50).stream()
        .filter(e -> e.status() == dev.baton.core.exec.ExecutionStatus.SUCCEEDED
            && e.request().contains("Tevuot"))
        .findFirst().orElseThrow().id().value();
    String waiting = submit("""
        {"steps":[{"id":"notify","tool":"demo.notify","args":{"to":"Yoav","message":"a11y"}}]}""",
        "accessibility");
    Map<String, String> screens = new java.util.LinkedHashMap<>();
    screens.put("login", "/ui/login");
    screens.put("start", "/ui");
    screens.put("execution", "/ui/executions/" + waiting);
    screens.put("pending", "/ui/pending");
    screens.put("result", "/ui/executions/" + done);
    screens.put("history", "/ui/history");
    screens.put("replay", "/ui/executions/" + done + "/replay?at=5");
    screens.put("settings", "/ui/settings");
    screens.put("document", "/ui/documents?path=agendas/tevuot-december-review.md");
    List<String> violations = new ArrayList<>();
    for (String lang : List.of("he", "en")) {
      language(lang);
      for (var s : screens.entrySet()) {
        browser.get(base + s.getValue());
        browser.waitFor("main h1");
        browser.shots(s.getKey() + "-" + lang);
        browser.axeViolations().forEach(v -> violations.add(lang + " " + s.getKey() + ": " + v));
      }
      browser.get(base + "/ui");
      browser.find("button.example[lang='" + lang + "']").click();
      browser.find("#plan-only").click();
      browser.waitFor("#plan-form");
      browser.shots("plan-" + lang);
      browser.axeViolations().forEach(v -> violations.add(lang + " plan: " + v));
    }
    assertThat(violations).isEmpty();
  }

  @Test
  @Order(11)
  void restartingTheServerMidExecutionThePageRecovers() throws Exception {
    language("en");
    String id = submit(sleeps(5, 1200, true), "restart me");
    open(id);
    browser.until(d -> "succeeded".equals(browser.attr("tr[data-step='s0']", "data-status")));
    int port = server.port();
    server.close();
    Thread.sleep(300);
    extension = new DashboardExtension();
    server = BatonServer.start(app, ServerOptions.defaults().withHost("127.0.0.1")
        .withPort(port), List.of(extension));
    // the same page, not reloaded: its stream reconnects to the new server and the signed
    // session cookie is still good there
    waitStatus("succeeded");
    assertThat(browser.all("tr.step.succeeded")).hasSize(5);
    List<String> seqs = browser.all("#logs li").stream().map(li -> li.getAttribute("data-seq"))
        .toList();
    assertThat(seqs).doesNotHaveDuplicates();
    // why: while the server was down the browser (and htmx, as an sseError event) reported the
    // refused reconnections, and nothing else
    assertThat(browser.consoleErrors()).allSatisfy(e -> assertThat(e)
        .containsAnyOf("ERR_CONNECTION_REFUSED", "/stream", "htmx.min.js 0:27531 \"[object Event]\""));
  }

  @Test
  @Order(12)
  void feedbackHistoryAndKeysWorkFromThePages() throws Exception {
    language("en");
    String done = app.store().list(app.config().tenant(), 50).stream()
        .filter(e -> e.status() == dev.baton.core.exec.ExecutionStatus.SUCCEEDED
            && e.request().contains("Tevuot"))
        .findFirst().orElseThrow().id().value();
    open(done);
    browser.find("#feedback input[value='good']").click();
    browser.find("#feedback-comment").sendKeys("the right meeting, <b>thanks</b>");
    browser.find("#feedback button[type='submit']").click();
    browser.waitFor("#feedback .ok");
    var stored = app.feedback().of(app.config().tenant(), ExecutionId.of(done));
    assertThat(stored).hasSize(1);
    assertThat(stored.getFirst().rating()).isEqualTo(dev.baton.core.feedback.Feedback.Rating.GOOD);
    assertThat(stored.getFirst().comment()).isEqualTo("the right meeting, <b>thanks</b>");
    assertThat(browser.find("#feedback .ok").getText()).contains("<b>thanks</b>");

    browser.get(base + "/ui/history?q=restart");
    assertThat(browser.all("table.history tbody tr")).hasSize(1);
    browser.get(base + "/ui/history?status=CANCELLED");
    assertThat(browser.all("table.history tbody tr")).hasSize(1)
        .allSatisfy(r -> assertThat(r.getText()).contains("cancel me"));

    browser.get(base + "/ui/settings");
    assertThat(browser.find("table.tools").getText()).contains("calendar.create_event")
        .contains("changes the world");
    browser.find("#key-name").sendKeys("ci viewer");
    new org.openqa.selenium.support.ui.Select(browser.find("#key-role"))
        .selectByVisibleText("viewer");
    browser.find("#key-name").submit();
    String secret = browser.waitFor("#secret").getText().strip();
    assertThat(secret).startsWith("bt_");
    browser.shots("key-shown-once-en");
    assertThat(server.context().keys().verify(secret)).isPresent();
    browser.get(base + "/ui/settings");
    assertThat(browser.driver.getPageSource()).doesNotContain(secret);
    String prefix = secret.substring(0, 11);
    browser.find("form[action='/ui/settings/keys/" + prefix + "/revoke'] button").click();
    browser.waitFor("table.tools");
    assertThat(server.context().keys().verify(secret).filter(k -> k.active())).isEmpty();
  }

  @Test
  @Order(13)
  void anEditedPlanIsCheckedBeforeItRunsAndRunsWithoutTheRemovedStep() throws Exception {
    language("he");
    browser.get(base + "/ui");
    browser.find("button.example[lang='he']").click();
    browser.find("#plan-only").click();
    browser.waitFor("#plan-form");
    int before = app.store().list(app.config().tenant(), 500).size();
    browser.find("input[name='remove'][value='agenda']").click();
    WebElement args = browser.find("textarea[name='args.meeting']");
    String original = args.getAttribute("value");
    args.clear();
    args.sendKeys("{\"title\": 42}");
    browser.find("#run-plan").click();
    browser.waitFor("main .error");
    assertThat(browser.all("#step-agenda")).isEmpty();
    assertThat(browser.find(".error").getText()).contains("/steps/");
    assertThat(app.store().list(app.config().tenant(), 500)).hasSize(before);
    browser.shots("plan-problems-he");
    // the removed step stays removed; the argument put back, the plan runs
    browser.js("arguments[0].value = arguments[1]", browser.find("textarea[name='args.meeting']"),
        original);
    browser.find("#run-plan").click();
    browser.until(d -> d.getCurrentUrl().contains("/ui/executions/"));
    String id = browser.driver.getCurrentUrl().replaceAll(".*/ui/executions/([^/?#]+).*", "$1");
    assertThat(app.store().load(ExecutionId.of(id)).plan().steps()).extracting(st -> st.id()
        .value()).doesNotContain("agenda").contains("meeting");
    approvalFor("meeting").findElement(org.openqa.selenium.By.cssSelector("button.reject"))
        .click();
    browser.until(d -> !"waiting-for-approval".equals(browser.attr("#live", "data-status"))
        && !"running".equals(browser.attr("#live", "data-status")));
  }

  @Test
  @Order(14)
  void formsRefuseCrossSiteRequestsAndPagesCarryTheirPolicy() throws Exception {
    String id = submit(sleeps(1, 30_000, false), "csrf target");
    var adminKey = server.context().keys().create(app.config().tenant(), "operator",
        dev.baton.server.auth.Role.OPERATOR).secret();
    Viewer operator = Viewer.signIn(base, adminKey);
    var page = operator.response("/ui/executions/" + id);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'").doesNotContain("unsafe-inline");
    String csrf = Viewer.csrf(page.body());
    String cancel = "/ui/executions/" + id + "/cancel";
    assertThat(operator.postRaw(cancel, "", "Origin", base)).isEqualTo(403);
    assertThat(operator.postRaw(cancel, "_csrf=wrong", "Origin", base)).isEqualTo(403);
    assertThat(operator.postRaw(cancel, "_csrf=" + csrf, "Origin", "http://evil.example"))
        .isEqualTo(403);
    assertThat(operator.postRaw(cancel, "_csrf=" + csrf, "Sec-Fetch-Site", "cross-site"))
        .isEqualTo(403);
    assertThat(app.store().load(ExecutionId.of(id)).status().terminal()).isFalse();
    assertThat(operator.postRaw(cancel, "_csrf=" + csrf, "Origin", base,
        "Sec-Fetch-Site", "same-origin")).isEqualTo(303);
    app.engine().awaitEnd(ExecutionId.of(id), java.time.Duration.ofSeconds(30));
    assertThat(app.store().load(ExecutionId.of(id)).status())
        .isEqualTo(dev.baton.core.exec.ExecutionStatus.CANCELLED);
  }

  static final String MEET_YOAV = "תקבע פגישה עם יואב";

  WebElement questionFor(String step) {
    return browser.waitFor("section.question[data-question*='." + step + ".']");
  }

  @Test
  @Order(15)
  void hebrewQuestionShowsEachCandidateWithItsReasonAndTheChosenYoavIsInvited() throws Exception {
    language("he");
    String id = startRun(MEET_YOAV);
    WebElement question = questionFor("who");
    browser.shots("question-choose-he");
    assertThat(question.getText()).contains("שאלה אליך", "לאיזה יואב");
    var candidates = question.findElements(org.openqa.selenium.By.cssSelector(".candidate"));
    assertThat(candidates).hasSizeGreaterThanOrEqualTo(2);
    // every candidate has its reason, shown under its name and tied to its radio button
    for (WebElement c : candidates) {
      var radio = c.findElement(org.openqa.selenium.By.cssSelector("input[type='radio']"));
      var reason = c.findElement(org.openqa.selenium.By.cssSelector(".reason"));
      assertThat(reason.getText()).isNotBlank();
      assertThat(radio.getAttribute("aria-describedby")).isEqualTo(reason.getAttribute("id"));
    }
    assertThat(question.getText()).contains("יואב כהן (תבואות)", "Yoav Levi (Levi Design)");
    // the person chooses one that is not first, by mouse on its name
    WebElement levi = candidates.stream().filter(c -> c.getText().contains("Yoav Levi"))
        .findFirst().orElseThrow();
    String leviAddress = levi.getAttribute("data-value").replace("\"", "");
    assertThat(leviAddress).contains("@").doesNotContain("tevuot");
    levi.findElement(org.openqa.selenium.By.cssSelector("label")).click();
    question.findElement(org.openqa.selenium.By.cssSelector("button.answer")).click();
    // the run continues to the meeting, whose approval invites the chosen Yoav
    WebElement approval = approvalFor("meeting");
    assertThat(approval.getAttribute("textContent")).contains(leviAddress)
        .doesNotContain("yoav.cohen@tevuot.co.il");
    browser.shots("question-answered-approval-he");
    var answered = app.store().events(ExecutionId.of(id), 0).stream()
        .filter(e -> e instanceof Event.QuestionAnswered).map(e -> (Event.QuestionAnswered) e)
        .toList();
    assertThat(answered).hasSize(1);
    assertThat(answered.getFirst().answer().path("value").asString()).isEqualTo(leviAddress);
    approval.findElement(org.openqa.selenium.By.cssSelector("button.reject")).click();
    browser.until(d -> "skipped".equals(browser.attr("tr[data-step='meeting']", "data-status")));
    // the answer given here is remembered like one given at the prompt; forgotten again, so the
    // other tests' Yoav stays the planner's own choice
    String tenant = app.config().tenant();
    browser.until(d -> !app.resolutions().list(tenant).isEmpty());
    assertThat(app.resolutions().list(tenant).toString()).contains(leviAddress);
    app.resolutions().forget(tenant, "יואב");
  }

  @Test
  @Order(16)
  void aValueToFillIsTypedAndCarriedIntoTheMeeting() throws Exception {
    language("he");
    String id = startRun("תקבע פגישה עם נעמה מחר");
    WebElement question = questionFor("address");
    browser.shots("question-fill-he");
    WebElement box = question.findElement(org.openqa.selenium.By.cssSelector("input[name='answer']"));
    assertThat(box.getAttribute("type")).isEqualTo("email");
    assertThat(box.getAttribute("required")).isNotNull();
    // an empty answer is not sent (the browser's own check); a typed one is
    question.findElement(org.openqa.selenium.By.cssSelector("button.answer")).click();
    assertThat(browser.all("section.question")).hasSize(1);
    box.sendKeys("naama.golan@example.org");
    question.findElement(org.openqa.selenium.By.cssSelector("button.answer")).click();
    WebElement approval = approvalFor("meeting");
    assertThat(approval.getAttribute("textContent")).contains("naama.golan@example.org");
    assertThat(app.store().events(ExecutionId.of(id), 0).stream()
        .filter(e -> e instanceof Event.QuestionAnswered).map(e -> ((Event.QuestionAnswered) e)
            .answer().toString()).toList())
        .containsExactly("{\"value\":\"naama.golan@example.org\"}");
    approval.findElement(org.openqa.selenium.By.cssSelector("button.reject")).click();
    browser.until(d -> "skipped".equals(browser.attr("tr[data-step='meeting']", "data-status")));
  }

  static final String HOSTILE = "<img src=x onerror=\"window.__pwned=3\">";

  /** A question (hostile text in its labels and reasons) beside an approval, both pending. */
  String questionBesideApproval(String name) {
    return submit("""
        {"steps":[{"id":"who","tool":"ask.choose","args":{"question":"איזו דנה? %s",
            "candidates":[
              {"value":"dana.first@example.org","label":"דנה ראשונה %s","reason":"עובדת איתך על תבואות %s"},
              {"value":"dana.second@example.org","label":"Dana Second","reason":"met last week"}]}},
          {"id":"tell","tool":"demo.notify","args":{"to":"Yoav","message":"%s"}}]}"""
        .formatted(HOSTILE.replace("\"", "\\\""), HOSTILE.replace("\"", "\\\""),
            HOSTILE.replace("\"", "\\\""), name), name);
  }

  @Test
  @Order(17)
  void aQuestionAndAnApprovalPendingAtOnceAreAnsweredEachOnItsOwnAndAViewerCannotAnswer()
      throws Exception {
    language("he");
    // why: executions of earlier tests may still wait (the count is the tenant's)
    int before = app.store().countPendingHumanSteps(app.config().tenant());
    String id = questionBesideApproval("both at once");
    open(id);
    questionFor("who");
    approvalFor("tell");
    // the count in the header has the question and the approval
    browser.until(d -> String.valueOf(before + 2).equals(browser.find("#pending-count").getText()
        .strip()));
    browser.shots("question-and-approval-he");
    // hostile text in the question is shown as text
    WebElement question = questionFor("who");
    assertThat(question.getText()).contains(HOSTILE);
    assertThat(browser.all("section.question img")).isEmpty();
    assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
    assertThat(browser.attr("html", "dir")).isEqualTo("rtl");
    // the pending page lists both
    browser.get(base + "/ui/pending");
    browser.waitFor("section.question[data-question^='" + id + ".']");
    assertThat(browser.all("section.approval[data-approval^='" + id + ".']")).hasSize(1);
    browser.shots("pending-question-he");

    // a viewer sees the question but no form, and the server refuses their answer
    var viewerKey = server.context().keys().create(app.config().tenant(), "viewer q",
        dev.baton.server.auth.Role.VIEWER).secret();
    Viewer viewer = Viewer.signIn(base, viewerKey);
    String page = viewer.get("/ui/executions/" + id);
    assertThat(page).contains("data-question").doesNotContain("answer-form")
        .doesNotContain("<img src=x");
    String qid = (String) browser.js("return document.querySelector('section.question')"
        + ".getAttribute('data-question')");
    assertThat(viewer.postRaw("/ui/questions/" + qid + "/answer", "_csrf=" + Viewer.csrf(page)
        + "&choice=1", "Origin", base)).isEqualTo(403);
    // an approver may answer, with the form's token only, and only with a candidate offered
    var approverKey = server.context().keys().create(app.config().tenant(), "approver q",
        dev.baton.server.auth.Role.APPROVER).secret();
    Viewer approver = Viewer.signIn(base, approverKey);
    String approverPage = approver.get("/ui/executions/" + id);
    assertThat(approverPage).contains("answer-form");
    String answerPath = "/ui/questions/" + qid + "/answer";
    assertThat(approver.postRaw(answerPath, "choice=1", "Origin", base)).isEqualTo(403);
    assertThat(approver.postRaw(answerPath, "_csrf=" + Viewer.csrf(approverPage) + "&choice=1",
        "Origin", "http://evil.example")).isEqualTo(403);
    assertThat(approver.postRaw(answerPath, "_csrf=" + Viewer.csrf(approverPage) + "&choice=9",
        "Origin", base)).isEqualTo(422);
    assertThat(approver.postRaw(answerPath, "_csrf=" + Viewer.csrf(approverPage) + "&answer=",
        "Origin", base)).isEqualTo(422);

    // the approval first: the question stays pending
    open(id);
    approvalFor("tell").findElement(org.openqa.selenium.By.cssSelector("button.approve")).click();
    browser.until(d -> "succeeded".equals(browser.attr("tr[data-step='tell']", "data-status")));
    assertThat(browser.all("section.approval")).isEmpty();
    browser.until(d -> String.valueOf(before + 1).equals(browser.find("#pending-count").getText()
        .strip()));
    // then the question, on its own: the second candidate
    questionFor("who").findElement(org.openqa.selenium.By.cssSelector("label[for$='-c2']"))
        .click();
    questionFor("who").findElement(org.openqa.selenium.By.cssSelector("button.answer")).click();
    waitStatus("succeeded");
    var who = app.store().load(ExecutionId.of(id));
    assertThat(app.store().events(ExecutionId.of(id), 0).stream()
        .filter(e -> e instanceof Event.QuestionAnswered).map(e -> ((Event.QuestionAnswered) e)
            .answer().path("value").asString()).toList())
        .containsExactly("dana.second@example.org");
    assertThat(who.status()).isEqualTo(dev.baton.core.exec.ExecutionStatus.SUCCEEDED);
  }

  @Test
  @Order(18)
  void theKeyboardAloneChoosesACandidate() throws Exception {
    language("en");
    String id = questionBesideApproval("keyboard question");
    open(id);
    questionFor("who");
    // Tab to the first candidate, the arrow key to the second, Tab to the button, Enter
    tabTo("section.question input[type='radio']");
    browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
    assertThat((Boolean) browser.js("return document.activeElement.value === '2'"
        + " && document.activeElement.checked")).isTrue();
    browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
    assertThat(browser.driver.switchTo().activeElement().getAttribute("class"))
        .contains("answer");
    browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    browser.until(d -> "succeeded".equals(browser.attr("tr[data-step='who']", "data-status")));
    assertThat(app.store().events(ExecutionId.of(id), 0).stream()
        .filter(e -> e instanceof Event.QuestionAnswered).map(e -> ((Event.QuestionAnswered) e)
            .answer().path("value").asString()).toList())
        .containsExactly("dana.second@example.org");
    approvalFor("tell").findElement(org.openqa.selenium.By.cssSelector("button.approve")).click();
    waitStatus("succeeded");
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
