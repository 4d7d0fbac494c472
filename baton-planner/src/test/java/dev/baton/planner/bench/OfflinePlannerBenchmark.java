package dev.baton.planner.bench;

import dev.baton.core.error.BatonException;
import dev.baton.core.json.Json;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.planner.DemoCatalog;
import dev.baton.planner.OfflinePlanner;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Plans every request of the test corpora (corpus.json, corpus/dev.txt, corpus/heldout.txt) many times on the demo workspace with the real tools and
 * prints the mean, median and 99th percentile per request, in milliseconds. Arguments: rounds
 * (default 200) and warm-up rounds (default 50).
 */
public final class OfflinePlannerBenchmark {
  private OfflinePlannerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Path workspace = Files.createTempDirectory("baton-planner-bench");
    ToolCatalog catalog = DemoCatalog.create(workspace);
    PlanContext context = DemoCatalog.context();
    List<String> requests = corpus();
    OfflinePlanner planner = new OfflinePlanner();
    for (int r = 0; r < warmup; r++) {
      requests.forEach(q -> planOnce(planner, q, catalog, context));
    }
    long[][] nanos = new long[requests.size()][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < requests.size(); i++) {
        long start = System.nanoTime();
        planOnce(planner, requests.get(i), catalog, context);
        nanos[i][r] = System.nanoTime() - start;
      }
    }
    System.out.printf("%d requests, %d rounds after %d warm-up rounds (ms)%n", requests.size(),
        rounds, warmup);
    System.out.printf("%8s %8s %8s  %s%n", "mean", "p50", "p99", "request");
    long[] all = new long[requests.size() * rounds];
    for (int i = 0; i < requests.size(); i++) {
      long[] n = nanos[i].clone();
      System.arraycopy(n, 0, all, i * rounds, rounds);
      Arrays.sort(n);
      System.out.printf("%8.3f %8.3f %8.3f  %s%n", mean(n), ms(n[n.length / 2]),
          ms(n[(int) Math.ceil(n.length * 0.99) - 1]), requests.get(i));
    }
    Arrays.sort(all);
    System.out.printf("%8.3f %8.3f %8.3f  ALL%n", mean(all), ms(all[all.length / 2]),
        ms(all[(int) Math.ceil(all.length * 0.99) - 1]));
  }

  private static void planOnce(OfflinePlanner planner, String request, ToolCatalog catalog,
      PlanContext context) {
    try {
      planner.plan(request, catalog, context);
    } catch (BatonException e) {
      // why: requests that must not be understood are part of the corpus and cost time too
    }
  }

  private static List<String> corpus() throws Exception {
    try (InputStream in = OfflinePlannerBenchmark.class.getResourceAsStream("/corpus.json")) {
      JsonNode root = Json.mapper().readTree(new String(in.readAllBytes(),
          StandardCharsets.UTF_8));
      List<String> out = new ArrayList<>();
      root.path("requests").forEach(r -> out.add(r.path("request").asString()));
      // why: the 160 requests of issue 11's corpus (both parts) weigh as much as the old 49
      for (String part : List.of("dev", "heldout")) {
        dev.baton.planner.corpus.CorpusScore.load(part).forEach(e -> out.add(e.request()));
      }
      return out;
    }
  }

  private static double mean(long[] n) {
    return Arrays.stream(n).average().orElse(0) / 1e6;
  }

  private static double ms(long n) {
    return n / 1e6;
  }
}
