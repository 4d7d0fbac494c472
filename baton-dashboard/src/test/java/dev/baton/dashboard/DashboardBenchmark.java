package dev.baton.dashboard;

import dev.baton.app.BatonApp;
import dev.baton.app.ConfigLoader;
import dev.baton.core.engine.Submission;
import dev.baton.core.exec.ExecutionId;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.plan.PlanCodec;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's figures for BENCHMARKS.md (a program, not a test: no timed assertions):
 * page weight of the live page, time to first render of the live page on the demo data, and a
 * 500-step execution: server render time of its page and the live updates per second the
 * browser applies. Run: see BENCHMARKS.md ("Dashboard").
 */
public final class DashboardBenchmark {
  public static void main(String[] args) throws Exception {
    var home = Files.createTempDirectory("baton-dash-bench");
    var config = ConfigLoader.load(home, Map.of(), Map.of());
    try (BatonApp app = BatonApp.open(config)) {
      DashboardExtension ext = new DashboardExtension();
      try (BatonServer server = BatonServer.start(app, ServerOptions.defaults()
          .withHost("127.0.0.1").withPort(0).withRequestsPerMinute(1_000_000), List.of(ext));
          Browser browser = new Browser()) {
        String base = "http://127.0.0.1:" + server.port();
        browser.get(ext.dashboard().loginLink(base, ext.dashboard().localAdmin()));
        browser.find("#login-link").click();
        browser.waitFor("#start-form");
        browser.get(base + "/ui/lang/en?back=/ui");

        // the seed plan on the demo data, approved as it goes, then its live page
        String seed = Files.readString(java.nio.file.Path.of("..", "examples", "seed-plan.json"));
        ExecutionId id = app.engine().submit(new Submission(null, PlanCodec.parse(seed),
            "seed", app.config().tenant(), ExecutionOptions.DEFAULTS, null)).id();
        approveAll(app, id);
        String page = base + "/ui/executions/" + id.value();
        System.out.println("page weight (live page, seed plan, uncompressed): "
            + weight(browser, page));
        List<Double> fcp = new ArrayList<>();
        List<Double> dcl = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
          browser.get(page);
          browser.waitFor("#live");
          Thread.sleep(200);
          fcp.add(((Number) browser.js("const p = performance.getEntriesByName("
              + "'first-contentful-paint')[0]; return p ? p.startTime : -1")).doubleValue());
          dcl.add(((Number) browser.js("const n = performance.getEntriesByType('navigation')[0];"
              + " return n.domContentLoadedEventEnd")).doubleValue());
        }
        System.out.printf(Locale.ROOT, "live page, seed plan: first contentful paint median %.0f"
            + " ms, DOMContentLoaded median %.0f ms (11 loads, warm)%n", median(fcp), median(dcl));

        // 500 steps, 8 at a time, 40 ms each: about 2.5 s of continuous change
        StringBuilder plan = new StringBuilder("{\"steps\":[");
        for (int i = 0; i < 500; i++) {
          plan.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i)
              .append("\",\"tool\":\"demo.sleep\",\"args\":{\"millis\":40}")
              .append(i >= 8 ? ",\"after\":[\"s" + (i - 8) + "\"]" : "").append("}");
        }
        plan.append("]}");
        ExecutionId big = app.engine().submit(new Submission(null,
            PlanCodec.parse(plan.toString()), "500 steps", app.config().tenant(),
            ExecutionOptions.DEFAULTS.withMaxParallel(8), null)).id();
        String bigPage = base + "/ui/executions/" + big.value();
        browser.get(bigPage);
        browser.waitFor("#live");
        // a swap's cost: from the message to the next frame painted after it
        browser.js("window.__swaps = []; document.addEventListener('htmx:sseBeforeMessage',"
            + " e => { if (e.detail.type === 'steps') window.__t = performance.now(); }, true);"
            + " document.addEventListener('baton:swapped', e => { if (e.detail.type ==="
            + " 'steps') { const t = window.__t; requestAnimationFrame(() =>"
            + " window.__swaps.push([performance.now(), performance.now() - t])); } });");
        app.engine().awaitEnd(big, Duration.ofMinutes(5));
        browser.until(d -> "succeeded".equals(browser.attr("#live", "data-status")));
        @SuppressWarnings("unchecked")
        List<List<Number>> swaps = (List<List<Number>>) browser.js("return window.__swaps");
        var st = app.store().load(big);
        double seconds = Duration.between(st.createdAt(), st.updatedAt()).toMillis() / 1000.0;
        List<Double> swapMs = swaps.stream().map(s -> s.get(1).doubleValue()).toList();
        System.out.printf(Locale.ROOT, "500-step execution: ran %.1f s, %d events; the live page"
            + " applied %d step-table updates (%.1f per second), each swap median %.0f ms,"
            + " max %.0f ms%n", seconds, st.lastSeq(), swaps.size(), swaps.size() / seconds,
            median(swapMs), swapMs.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        var events = app.store().events(big, 0);
        List<Double> viewMs = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
          long t = System.nanoTime();
          var state = dev.baton.core.exec.ExecutionState.replay(events);
          ExecutionView.of(state, events, app.catalog(), Map.of(), Messages.of(Lang.EN),
              app.config().zone(), java.time.Instant.now(), new dev.baton.model.ModelPrices(
                  Map.of()), false);
          viewMs.add((System.nanoTime() - t) / 1e6);
        }
        System.out.printf(Locale.ROOT, "500-step execution: fold + view (graph, timeline, rows)"
            + " on the server median %.0f ms%n", median(viewMs));
        List<Double> render = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
          long t = System.nanoTime();
          browser.get(bigPage);
          browser.waitFor("#live");
          render.add((System.nanoTime() - t) / 1e6);
        }
        System.out.printf(Locale.ROOT, "500-step execution, ended: page load to #live median %.0f"
            + " ms; page weight %s%n", median(render), weight(browser, bigPage));
      }
    }
    System.exit(0);
  }

  static void approveAll(BatonApp app, ExecutionId id) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      var s = app.store().load(id);
      if (s.status().terminal()) {
        return;
      }
      for (var a : s.pendingApprovals()) {
        try {
          app.engine().approve(a.id(), null, "bench", null);
        } catch (RuntimeException alreadyDecided) {
          // why: a decision racing the next poll is fine
        }
      }
      Thread.sleep(100);
    }
  }

  /** Bytes of the page and of the scripts and styles it loads (uncompressed), with the cookie. */
  static String weight(Browser browser, String url) throws Exception {
    String cookie = browser.driver.manage().getCookieNamed(Access.COOKIE).getValue();
    HttpClient http = HttpClient.newHttpClient();
    String html = http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie",
        Access.COOKIE + "=" + cookie).build(), HttpResponse.BodyHandlers.ofString()).body();
    long total = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    long assets = 0;
    Matcher m = Pattern.compile("(?:src|href)=\"(/ui/static/[^\"]+)\"").matcher(html);
    String origin = url.substring(0, url.indexOf("/ui/"));
    while (m.find()) {
      assets += http.send(HttpRequest.newBuilder(URI.create(origin + m.group(1))).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }
    return String.format(Locale.ROOT, "%.1f KB HTML + %.1f KB scripts and styles = %.1f KB",
        total / 1024.0, assets / 1024.0, (total + assets) / 1024.0);
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
