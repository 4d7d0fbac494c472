package dev.baton.server.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSE fan-out benchmark (BENCHMARKS.md): connects N clients to one execution's stream on a
 * running {@code baton serve}, then makes the execution append events (approving its steps one
 * after another) and measures, for every client and event, the time from the event's append (its
 * {@code at}) to its arrival; and the server's resident memory per connected client.
 *
 * <p>Usage: {@code SseFanOut BASE_URL KEY_FILE CLIENTS ROUNDS SERVER_PID}
 */
public final class SseFanOut {
  private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String key = Files.readString(Path.of(args[1])).trim();
    int clients = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    long pid = Long.parseLong(args[4]);
    HttpClient http = HttpClient.newBuilder().build();

    StringBuilder steps = new StringBuilder();
    for (int i = 0; i < rounds; i++) {
      steps.append(i == 0 ? "" : ",").append("{\"id\": \"s").append(i)
          .append("\", \"tool\": \"demo.notify\", \"args\": {\"to\": \"Yoav\", \"message\": \"")
          .append(i).append("\"}").append(i == 0 ? "" : ", \"after\": [\"s" + (i - 1) + "\"]")
          .append("}");
    }
    String body = "{\"plan\": {\"steps\": [" + steps + "]}}";
    String created = post(http, base.resolve("/api/v1/executions"), key, body);
    String id = created.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    Thread.sleep(1000);
    String view = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/executions/" + id))
        .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString())
        .body();
    String lastSeq = view.replaceAll(".*\"lastSeq\":(\\d+).*", "$1");
    long rssBefore = rss(pid);

    ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
    java.util.concurrent.ConcurrentHashMap<String, long[]> arrivals =
        new java.util.concurrent.ConcurrentHashMap<>();
    CountDownLatch connected = new CountDownLatch(clients);
    CountDownLatch done = new CountDownLatch(clients);
    HttpClient streams = HttpClient.newBuilder().build();
    for (int c = 0; c < clients; c++) {
      Thread.ofVirtual().start(() -> {
        try {
          HttpRequest r = HttpRequest.newBuilder(base.resolve("/api/v1/executions/" + id
              + "/stream")).header("Authorization", "Bearer " + key)
              .header("Last-Event-ID", lastSeq).build();
          HttpResponse<InputStream> res = streams.send(r,
              HttpResponse.BodyHandlers.ofInputStream());
          try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(),
              StandardCharsets.UTF_8))) {
            String line;
            boolean first = true;
            while ((line = in.readLine()) != null) {
              if (first) {
                connected.countDown();
                first = false;
              }
              if (line.startsWith("data: ")) {
                Instant now = Instant.now();
                Matcher m = AT.matcher(line);
                if (m.find()) {
                  micros.add(Duration.between(Instant.parse(m.group(1)), now).toNanos() / 1000);
                  long t = System.nanoTime();
                  arrivals.compute(line.substring(0, Math.min(line.length(), 120)),
                      (k, v) -> v == null ? new long[] {t, t}
                          : new long[] {Math.min(v[0], t), Math.max(v[1], t)});
                }
              }
              if (line.equals("event: end")) {
                break;
              }
            }
          }
        } catch (Exception e) {
          System.err.println("client failed: " + e);
          connected.countDown();
        } finally {
          done.countDown();
        }
      });
    }
    connected.await();
    Thread.sleep(2000);
    long rssConnected = rss(pid);
    for (int i = 0; i < rounds; i++) {
      String approval = id + ".s" + i + ".1";
      for (int tries = 0; tries < 100; tries++) {
        String r = post(http, base.resolve("/api/v1/approvals/" + approval + "/approve"), key,
            "{}");
        if (!r.contains("APPROVAL_NOT_FOUND") && !r.contains("\"status\":404")) {
          break;
        }
        Thread.sleep(50);
      }
      Thread.sleep(500);
    }
    done.await();
    List<Long> all = new ArrayList<>(micros);
    Collections.sort(all);
    System.out.printf("clients=%d events=%d samples=%d median=%.1fms p99=%.1fms max=%.1fms%n",
        clients, all.size() / Math.max(1, clients), all.size(), all.get(all.size() / 2) / 1000.0,
        all.get((int) (all.size() * 0.99)) / 1000.0, all.get(all.size() - 1) / 1000.0);
    List<Long> spreads = new ArrayList<>();
    arrivals.values().forEach(v -> spreads.add((v[1] - v[0]) / 1000));
    Collections.sort(spreads);
    System.out.printf("first to last client per event: median=%.1fms max=%.1fms (%d events)%n",
        spreads.get(spreads.size() / 2) / 1000.0, spreads.get(spreads.size() - 1) / 1000.0,
        spreads.size());
    System.out.printf("server RSS: %d MB before, %d MB with %d clients: %.1f KB per client%n",
        rssBefore >> 20, rssConnected >> 20, clients,
        (rssConnected - rssBefore) / 1024.0 / clients);
  }

  static String post(HttpClient http, URI uri, String key, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  static long rss(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
      }
    }
    return 0;
  }
}
