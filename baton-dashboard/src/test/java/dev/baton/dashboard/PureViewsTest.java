package dev.baton.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.StepStatus;
import dev.baton.core.json.Json;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanCodec;
import dev.baton.core.plan.StepId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PureViewsTest {
  static final Instant T0 = Instant.parse("2026-01-25T10:00:00Z");
  static final ExecutionId EX = ExecutionId.of("ex-1");

  @Test
  void languageComesFromTheCookieThenTheBrowser() {
    assertThat(Lang.pick(null, "he-IL,he;q=0.9,en;q=0.8")).isEqualTo(Lang.HE);
    assertThat(Lang.pick(null, "fr-FR,en;q=0.5,he;q=0.4")).isEqualTo(Lang.EN);
    assertThat(Lang.pick("he", "en-US")).isEqualTo(Lang.HE);
    assertThat(Lang.pick("xx", "iw")).isEqualTo(Lang.HE);
    assertThat(Lang.pick(null, ";;;garbage")).isEqualTo(Lang.EN);
    assertThat(Lang.pick(null, null)).isEqualTo(Lang.EN);
    assertThat(Lang.HE.dir()).isEqualTo("rtl");
  }

  @Test
  void hebrewAndEnglishHaveTheSameWords() {
    assertThat(Messages.keys(Lang.HE)).isEqualTo(Messages.keys(Lang.EN));
    assertThat(Messages.of(Lang.HE).t("approval.approve")).isEqualTo("אשר");
    assertThat(Messages.of(Lang.EN).t("exec.progress", 3, 5)).isEqualTo("3 of 5 steps");
  }

  @Test
  void escapesMarkupAndQuotes() {
    assertThat(Html.escape("<script>alert('x')</script>&\"")).isEqualTo(
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void timelineBarsOverlapExactlyWhenTheLogsIntervalsDo() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int n = 2 + random.nextInt(8);
      StringBuilder plan = new StringBuilder("{\"steps\":[");
      for (int i = 0; i < n; i++) {
        plan.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i)
            .append("\",\"tool\":\"t\",\"args\":{}}");
      }
      Plan p = PlanCodec.parse(plan.append("]}").toString());
      List<Event> events = new ArrayList<>();
      long seq = 1;
      for (int i = 0; i < n; i++) {
        // why: millisecond times like the log's, with shared end/start instants now and then
        long a = random.nextInt(20) * 250L;
        long b = a + random.nextInt(6) * 250L;
        StepId id = StepId.of("s" + i);
        events.add(new Event.StepStarted(EX, seq++, T0.plusMillis(a), id));
        if (random.nextInt(5) > 0) {
          events.add(new Event.StepSucceeded(EX, seq++, T0.plusMillis(b), id, Json.object(), 1,
              java.time.Duration.ofMillis(b - a), false));
        }
      }
      Instant now = T0.plusMillis(6000 + random.nextInt(3000));
      for (boolean rtl : new boolean[] {false, true}) {
        List<Timeline.Span> spans = Timeline.spans(p, events, rtl ? Lang.HE : Lang.EN);
        List<Timeline.Bar> bars = Timeline.layout(spans, now, rtl);
        // the drawn numbers too, as the browser reads them
        String svg = Timeline.svg(spans, now, Messages.of(rtl ? Lang.HE : Lang.EN));
        List<double[]> drawn = drawnBars(svg);
        assertThat(drawn).as(svg).hasSize(bars.size());
        for (int i = 0; i < bars.size(); i++) {
          for (int j = i + 1; j < bars.size(); j++) {
            boolean logSays = spans.get(i).overlaps(spans.get(j), now);
            assertThat(bars.get(i).overlaps(bars.get(j))).as("layout %s %s", i, j)
                .isEqualTo(logSays);
            boolean drawnOverlap = drawn.get(i)[0] < drawn.get(j)[1]
                && drawn.get(j)[0] < drawn.get(i)[1];
            assertThat(drawnOverlap).as("svg %s %s", i, j).isEqualTo(logSays);
          }
        }
      }
    }
  }

  static List<double[]> drawnBars(String svg) {
    Matcher m = Pattern.compile("<g class=\"bar[^\"]*\"[^>]*>.*?<rect x=\"([0-9.]+)\" y=\"[0-9.]+\" "
        + "width=\"([0-9.]+)\"").matcher(svg);
    List<double[]> out = new ArrayList<>();
    while (m.find()) {
      var x = new java.math.BigDecimal(m.group(1));
      out.add(new double[] {x.doubleValue(), x.add(new java.math.BigDecimal(m.group(2)))
          .doubleValue()});
    }
    return out;
  }

  @Test
  void timelineShowsWaitsForAPersonAndRunningSteps() {
    Plan p = PlanCodec.parse("{\"steps\":[{\"id\":\"a\",\"tool\":\"t\",\"args\":{},"
        + "\"title\":{\"he\":\"<b>פגישה</b>\",\"en\":\"Meet\"}}]}");
    var id = StepId.of("a");
    List<Event> events = List.of(new Event.StepStarted(EX, 1, T0, id),
        new Event.ApprovalRequested(EX, 2, T0.plusSeconds(1), dev.baton.core.exec.ApprovalId.of(
            "ex-1.a.1"), id, "t", Json.object(), null, dev.baton.core.exec.ExpiryPolicy.REJECT));
    var spans = Timeline.spans(p, events, Lang.HE);
    assertThat(spans.getFirst().status()).isEqualTo(StepStatus.WAITING_FOR_APPROVAL);
    assertThat(spans.getFirst().waits()).hasSize(1);
    String svg = Timeline.svg(spans, T0.plusSeconds(3), Messages.of(Lang.HE));
    assertThat(svg).contains("class=\"wait\"").contains("&lt;b&gt;פגישה&lt;/b&gt;")
        .doesNotContain("<b>");
  }

  @Test
  void graphPutsEachStepAfterItsDependencies() {
    Plan p = PlanCodec.parse("""
        {"steps":[{"id":"search","tool":"t","args":{}},
          {"id":"contact","tool":"t","args":{}},
          {"id":"analyze","tool":"t","args":{"x":{"$ref":"search#/a"}}},
          {"id":"meeting","tool":"t","args":{"x":{"$ref":"contact#/a"}}},
          {"id":"agenda","tool":"t","args":{"x":{"$ref":"analyze#/a"},"y":{"$ref":"meeting#/b"}}}]}""");
    var nodes = PlanGraphSvg.layout(p, false);
    assertThat(nodes.get(StepId.of("search")).column()).isEqualTo(0);
    assertThat(nodes.get(StepId.of("contact")).column()).isEqualTo(0);
    assertThat(nodes.get(StepId.of("analyze")).column()).isEqualTo(1);
    assertThat(nodes.get(StepId.of("agenda")).column()).isEqualTo(2);
    var rtl = PlanGraphSvg.layout(p, true);
    assertThat(rtl.get(StepId.of("agenda")).x()).isLessThan(rtl.get(StepId.of("search")).x());
    String svg = PlanGraphSvg.svg(p, Map.of(StepId.of("search"), StepStatus.SUCCEEDED),
        Map.of(StepId.of("search"), "<img src=x onerror=alert(1)>"), Messages.of(Lang.EN));
    assertThat(svg).contains("data-from=\"search\" data-to=\"analyze\"")
        .contains("data-from=\"meeting\" data-to=\"agenda\"")
        .contains("node succeeded").contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<img");
  }

  @Test
  void aRunningCallsQuestionIsAFormOfTheFieldsItAsksFor() {
    var run = dev.baton.testkit.Events.newExecution(new dev.baton.testkit.FakeClock());
    List<Event> log = new ArrayList<>(run.started("acme"));
    log.add(run.stepStarted("fetch"));
    log.add(run.attemptStarted("fetch", 1));
    var schema = (tools.jackson.databind.node.ObjectNode) Json.mapper().readTree("""
        {"type":"object","required":["project"],"properties":{
          "project":{"type":"string","description":"which project"},
          "seats":{"type":"integer"}}}""");
    log.add(run.callAsked("fetch", Json.object().put("question", "Which project?")
        .put("kind", "call"), schema));
    var state = dev.baton.core.exec.ExecutionState.replay(log);

    var view = ExecutionView.of(state, log, dev.baton.core.tool.ToolCatalog.of(), Map.of(),
        Messages.of(Lang.EN), java.time.ZoneOffset.UTC, T0, new dev.baton.model.ModelPrices(
            Map.of()), false);

    var card = view.questions().getFirst();
    assertThat(card.prompt()).isEqualTo("Which project?");
    assertThat(card.candidates()).isEmpty();
    assertThat(card.fields()).extracting(SchemaForm.Field::name)
        .containsExactly("project", "seats");
    assertThat(card.fields().getFirst().required()).isTrue();
    assertThat(SchemaForm.read(schema, Map.of("arg.project", List.of("Tevuot"),
        "arg.seats", List.of("4"))).toString()).isEqualTo("{\"project\":\"Tevuot\",\"seats\":4}");
  }

  @Test
  void formFieldsComeFromTheSchemaAndReadBack() {
    JsonNode schema = Json.mapper().readTree("""
        {"type":"object","properties":{"agenda":{"type":["array","null"],"items":{"type":"string"}},
        "attendees":{"type":"array","items":{"type":"string"}},
        "durationMinutes":{"type":"integer"},"start":{"type":["string","null"]},
        "mode":{"enum":["a","b"]},"extra":{"type":"object"},"title":{"type":"string"}},
        "required":["attendees","durationMinutes","title"]}""");
    JsonNode values = Json.mapper().readTree("""
        {"title":"Review <x>","attendees":["yoav@x.il"],"durationMinutes":60,
         "agenda":["one","two"],"extra":{"k":1}}""");
    var fields = SchemaForm.fields(schema, values);
    assertThat(fields).extracting(SchemaForm.Field::name).startsWith("attendees",
        "durationMinutes", "title");
    var byName = new java.util.HashMap<String, SchemaForm.Field>();
    fields.forEach(f -> byName.put(f.name(), f));
    assertThat(byName.get("attendees").kind()).isEqualTo(SchemaForm.Kind.LINES);
    assertThat(byName.get("agenda").value()).isEqualTo("one\ntwo");
    assertThat(byName.get("durationMinutes").kind()).isEqualTo(SchemaForm.Kind.INTEGER);
    assertThat(byName.get("start").value()).isEmpty();
    assertThat(byName.get("mode").choices()).containsExactly("a", "b");
    assertThat(byName.get("extra").kind()).isEqualTo(SchemaForm.Kind.JSON);

    var read = SchemaForm.read(schema, Map.of("arg.title", List.of("Review <x>"),
        "arg.attendees", List.of("yoav@x.il\r\n\r\nme@x.il"), "arg.durationMinutes", List.of("45"),
        "arg.start", List.of("2026-01-26T14:00"), "arg.agenda", List.of(""),
        "arg.extra", List.of("{\"k\": 2}")));
    assertThat(read.toString()).isEqualTo(Json.mapper().readTree("{\"attendees\":[\"yoav@x.il\","
        + "\"me@x.il\"],\"durationMinutes\":45,\"start\":\"2026-01-26T14:00\","
        + "\"extra\":{\"k\":2},\"title\":\"Review <x>\"}").toString());
    assertThatThrownBy(() -> SchemaForm.read(schema, Map.of("arg.title", List.of("t"),
        "arg.attendees", List.of("a"), "arg.durationMinutes", List.of("an hour"))))
        .isInstanceOf(BatonException.class).hasMessageContaining("durationMinutes");
  }

  @Test
  void jsonFoldsAndShowsScriptAsText() {
    JsonNode doc = Json.mapper().readTree("""
        {"path":"notes.md","text":"<script>alert(1)</script><img src=x onerror=alert(2)>",
         "list":[1,2,3,4,5,6,7,8,9,10,11,12,13],"nested":{"a":{"b":{"c":true}}}}""");
    String html = JsonView.html(doc);
    assertThat(html).doesNotContain("<script").doesNotContain("<img")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
        .contains("<details open><summary>{ 4 … }</summary>")
        .contains("<details><summary>[ 13 × ]</summary>");
  }

  @Test
  void sseDataKeepsTheLinesOfTextAndValuesButNotOfTags() {
    String html = "<form\n  class=\"a\">\n<textarea title=\"x\ny\">me@baton.local\r\n"
        + "yoav@x.org</textarea><pre>a\nb</pre></form>";
    String one = Dashboard.sseData(html);
    assertThat(one).doesNotContain("\n").doesNotContain("\r");
    assertThat(one).isEqualTo("<form   class=\"a\">&#10;<textarea title=\"x&#10;y\">"
        + "me@baton.local&#10;yoav@x.org</textarea><pre>a&#10;b</pre></form>");
  }
}
