package dev.baton.cli;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.ArrayList;
import java.time.Instant;
import dev.baton.core.exec.Event;
import dev.baton.core.exec.ExecutionOptions;
import dev.baton.core.exec.ExecutionState;
import dev.baton.core.plan.Plan;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CLI as a client of a running server ({@code --server URL} or {@code BATON_SERVER}). The key
 * comes from {@code BATON_API_KEY}, else the file {@code BATON_API_KEY_FILE} names, else the
 * admin key the server keeps in the data folder ({@code keys/admin.key}); never from a flag. A
 * server that cannot be reached is SERVER_UNREACHABLE (exit code 7); a problem document the
 * server answers becomes the same failure (and exit code) as in-process.
 */
final class Remote {
  /**
   * Made only when a command talks to a server: an HTTP client's selector thread waits in native
   * code, and the JVM waits 300 ms for such threads when it exits, so every in-process command
   * would pay that.
   */
  private static final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  private final URI base;
  private final String key;

  private Remote(URI base, String key) {
    this.base = base;
    this.key = key;
  }

  /** The server to talk to, if one is named; null to work in-process. */
  static Remote of(String flag, Path home, Map<String, String> env) {
    String url = flag != null ? flag : env.get("BATON_SERVER");
    if (url == null || url.isBlank()) {
      return null;
    }
    String key = env.get("BATON_API_KEY");
    if (key == null || key.isBlank()) {
      Path file = env.containsKey("BATON_API_KEY_FILE") ? Path.of(env.get("BATON_API_KEY_FILE"))
          : (home != null ? home : Path.of(env.getOrDefault("BATON_HOME", ".baton")))
              .resolve("keys/admin.key");
      try {
        key = Files.readString(file, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw BatonException.of(ErrorCode.AUTH_REQUIRED, "no API key: set BATON_API_KEY, or"
            + " BATON_API_KEY_FILE to a file holding one (" + file + " cannot be read)");
      }
    }
    try {
      URI base = URI.create(url.endsWith("/") ? url : url + "/");
      if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
        throw new IllegalArgumentException();
      }
      return new Remote(base, key);
    } catch (IllegalArgumentException e) {
      throw BatonException.of(ErrorCode.CONFIG_INVALID, "--server must be an http(s) URL");
    }
  }

  /** POSTs {@code body} (may be null) and returns the answer, or throws the server's failure. */
  JsonNode post(String path, ObjectNode body) {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : Json.write(body))));
  }

  /** GETs and returns the answer, or throws the server's failure. */
  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  private JsonNode send(HttpRequest.Builder builder) {
    HttpRequest request = builder.timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + key).build();
    HttpResponse<String> r;
    try {
      r = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw unreachable(e);
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BatonException.of(ErrorCode.INTERNAL, "interrupted", e);
    }
    JsonNode answer = r.body().isBlank() ? Json.object()
        : Json.parse(r.body(), ErrorCode.SERVER_UNREACHABLE, "The server's answer");
    if (r.statusCode() >= 400) {
      ErrorCode code;
      try {
        code = ErrorCode.valueOf(answer.path("code").asString());
      } catch (IllegalArgumentException e) {
        code = ErrorCode.INTERNAL;
      }
      throw BatonException.of(code, answer.path("detail").asString("the server answered "
          + r.statusCode()));
    }
    return answer;
  }

  private BatonException unreachable(IOException e) {
    return BatonException.of(ErrorCode.SERVER_UNREACHABLE, "cannot reach the server at " + base
        + " (" + e.getClass().getSimpleName() + "); is `baton serve` running?", e);
  }

  /**
   * Answers a clarifying question (its id, or an execution id with one question pending) with a
   * reply read as in-process {@code baton answer} reads it; prints what that prints.
   */
  int answer(String id, String reply) {
    boolean named = id.contains(".");
    String execution = named ? Ids.approval(id).execution().value()
        : Ids.execution(id).value();
    JsonNode pending = get("api/v1/executions/" + execution).path("pendingQuestions");
    JsonNode question = null;
    for (JsonNode q : pending) {
      if (!named || id.equals(q.path("id").asString())) {
        question = question == null ? q : question;
      }
    }
    if (question == null || (!named && pending.size() != 1)) {
      List<String> ids = new java.util.ArrayList<>();
      pending.forEach(q -> ids.add(q.path("id").asString()));
      throw BatonException.of(ErrorCode.APPROVAL_NOT_FOUND, named
          ? "no pending question '" + id + "'"
          : "execution " + id + " has " + pending.size() + " pending questions; name one: " + ids);
    }
    String qid = question.path("id").asString();
    ObjectNode body = Json.object();
    body.set("answer", Answers.of(question.path("input"), reply));
    post("api/v1/questions/" + qid + "/answer", body);
    System.out.println("answered " + qid);
    return ExitCodes.OK;
  }

  /** {@code pause|resume|cancel} an execution; prints what the in-process command prints. */
  int control(String verb, String id) {
    post("api/v1/executions/" + id + "/" + verb, null);
    System.out.println(switch (verb) {
      case "pause" -> "paused ";
      case "resume" -> "resumed ";
      default -> "cancelled ";
    } + id);
    return ExitCodes.OK;
  }

  /** Approves or rejects a step's approval (an id with a dot) or a waiting plan. */
  int decide(boolean approve, String id, ObjectNode edits, String comment) {
    boolean plan = !id.contains(".");
    ObjectNode body = Json.object();
    if (approve) {
      if (edits != null) {
        body.set(plan ? "plan" : "arguments", edits);
      }
      if (comment != null) {
        body.put("comment", comment);
      }
    } else {
      body.put("reason", comment == null ? "rejected from the command line" : comment);
    }
    String path = plan ? "api/v1/executions/" + id + "/plan/" + (approve ? "approve" : "reject")
        : "api/v1/approvals/" + id + "/" + (approve ? "approve" : "reject");
    post(path, body);
    System.out.println((approve ? "approved " : "rejected ") + (plan ? "the plan of " : "") + id);
    return ExitCodes.OK;
  }

  /** The whole log of an execution, folded: what the in-process commands show. */
  ExecutionState state(String id) {
    List<Event> events = new ArrayList<>();
    long after = 0;
    while (true) {
      JsonNode page = get("api/v1/executions/" + id + "/events?after=" + after).get("items");
      for (JsonNode e : page) {
        Event event = Json.convert(e, Event.class);
        events.add(event);
        after = event.seq();
      }
      if (page.size() < 1000) {
        return ExecutionState.replay(events);
      }
    }
  }

  /** {@code baton status [ID]} through the server. */
  int status(String id, int limit) {
    if (id != null) {
      ExecutionState s = state(id);
      int width = Wrap.width();
      TreeRenderer.render(s, Instant.now(), false, width).forEach(System.out::println);
      System.out.println();
      System.out.println(dev.baton.core.text.Visible.line(PrintOut.headline(s)));
      PrintOut.stepLines(s, width).forEach(System.out::println);
      for (var a : StatusCommand.pending(s)) {
        System.out.println();
        ApprovalView.lines(a, s.plan(), width).forEach(System.out::println);
        System.out.println("  answer: baton approve " + a.id() + "   or   baton reject "
            + a.id());
      }
      return ExitCodes.OK;
    }
    JsonNode list = get("api/v1/executions?limit=" + limit);
    if (list.get("items").isEmpty()) {
      System.out.println("No executions yet. Try: baton run --plan examples/demo-plan.json");
    }
    for (JsonNode x : list.get("items")) {
      System.out.printf("%-14s %-22s %3d/%-3d %10s  %s%n", x.get("id").asString(),
          x.get("status").asString().toUpperCase(java.util.Locale.ROOT),
          x.get("stepsFinished").asInt(), x.get("stepsTotal").asInt(),
          PrintOut.age(Instant.parse(x.get("createdAt").asString())),
          PrintOut.preview(x.path("request").asString("")));
    }
    if (!list.get("nextCursor").isNull()) {
      System.out.println("… more executions (newest " + limit + " shown)");
    }
    for (JsonNode a : get("api/v1/approvals?limit=" + limit).get("items")) {
      System.out.println("pending approval " + a.get("id").asString() + " ("
          + a.path("tool").asString("") + "): baton status " + a.get("execution").asString()
          + " shows it in full");
    }
    for (JsonNode q : get("api/v1/questions?limit=" + limit).get("items")) {
      System.out.println("pending question " + q.get("id").asString() + " ("
          + q.path("tool").asString("") + "): baton answer " + q.get("id").asString()
          + " VALUE");
    }
    return ExitCodes.OK;
  }

  /**
   * {@code baton run} through the server: starts the execution (a request is planned there),
   * prints one line per event as it arrives from the live stream (JSON lines with
   * {@code --json}), approves what asks when told to ({@code yes}), else leaves it waiting.
   */
  int run(Plan plan, String request, String name, boolean json, boolean yes, boolean detach,
      ExecutionOptions options) throws IOException, InterruptedException {
    ObjectNode body = Json.object();
    if (plan != null) {
      body.set("plan", dev.baton.core.plan.PlanCodec.toJson(plan));
    }
    body.put("request", request != null ? request : name);
    ObjectNode o = body.putObject("options").put("maxParallel", options.maxParallel());
    if (options.requirePlanApproval()) {
      o.put("requirePlanApproval", true);
    }
    String id = post("api/v1/executions", body).get("id").asString();
    if (detach) {
      System.out.println(id);
      return ExitCodes.OK;
    }
    List<Event> events = new ArrayList<>();
    java.util.Set<String> answered = new java.util.HashSet<>();
    HttpRequest request2 = HttpRequest.newBuilder(base.resolve("api/v1/executions/" + id
        + "/stream")).header("Authorization", "Bearer " + key)
        .header("Accept", "text/event-stream").build();
    HttpResponse<java.util.stream.Stream<String>> r;
    try {
      r = Http.CLIENT.send(request2, HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw unreachable(e);
    }
    try (var lines = r.body()) {
      var it = lines.iterator();
      String type = null;
      while (it.hasNext()) {
        String line = it.next();
        if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ") && !"end".equals(type)) {
          Event e = Json.convert(Json.parse(line.substring(6), ErrorCode.INTERNAL, "an event"),
              Event.class);
          events.add(e);
          System.out.println(json ? line.substring(6) : EventLines.describe(e));
          ExecutionState s = ExecutionState.replay(events);
          if (s.status().waitingForPerson()) {
            if (!yes) {
              return RunCommand.leftWaiting(s);
            }
            for (var a : s.pendingApprovals()) {
              if (answered.add(a.id().value())) {
                decide(true, a.id().value(), null, "approved with --yes");
              }
            }
          }
        } else if (line.isEmpty()) {
          type = null;
        }
      }
    }
    ExecutionState end = ExecutionState.replay(events);
    if (!json) {
      PrintOut.result(System.out, end);
    }
    return ExitCodes.of(end.status());
  }
}
