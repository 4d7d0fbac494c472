package dev.baton.planner.corpus;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.plan.PlanGraph;
import dev.baton.core.plan.PlanValidator;
import dev.baton.core.error.Problem;
import dev.baton.core.plan.Step;
import dev.baton.core.plan.StepId;
import dev.baton.core.planning.PlanContext;
import dev.baton.core.planning.PlanProposal;
import dev.baton.core.planning.Planner;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.planner.DemoCatalog;
import dev.baton.planner.OfflinePlanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Scores a planner on a corpus part ({@code corpus/dev.txt}, {@code corpus/heldout.txt}): each
 * request's plan must have the expected tools, dependencies, side effects and clarification (and
 * pass the arguments' checks and the language); a request scores only when all of them hold.
 * {@link #main} prints the scores by category: {@code CorpusScore [dev|heldout] [-v]}.
 */
public final class CorpusScore {
  /** Short tool names used in the corpus files. */
  static final Map<String, String> TOOLS = Map.ofEntries(
      Map.entry("search", "files.search"), Map.entry("list", "files.list"),
      Map.entry("read", "files.read"), Map.entry("summarize", "analysis.summarize"),
      Map.entry("contact", "contacts.find"), Map.entry("busy", "calendar.free_busy"),
      Map.entry("slot", "calendar.find_slot"), Map.entry("conflicts", "calendar.check_conflicts"),
      Map.entry("event", "calendar.create_event"), Map.entry("write", "editor.write"),
      Map.entry("choose", "ask.choose"), Map.entry("fill", "ask.fill"));

  private CorpusScore() {}

  /** One request of the corpus and what a correct plan has. */
  public record Entry(String id, String language, String category, String request,
      List<String> tools, Set<String> optionalTools, List<String[]> dependencies,
      Set<String> effects, Set<String> optionalEffects, String clarification,
      List<String[]> checks) {
    @Override
    public String toString() {
      return id + " [" + language + "/" + category + "] " + request;
    }
  }

  /** One request's outcome: passed, or what went wrong. */
  public record Result(Entry entry, List<String> failures, String plan, long nanos) {
    public boolean passed() {
      return failures.isEmpty();
    }
  }

  /** The lines of a corpus part, as stored (for the digest). */
  public static byte[] raw(String part) throws IOException {
    try (InputStream in = CorpusScore.class.getResourceAsStream("/corpus/" + part + ".txt")) {
      if (in == null) {
        throw new IOException("no corpus part " + part);
      }
      return in.readAllBytes();
    }
  }

  /** The SHA-256 of a part's file, hex. */
  public static String digest(String part) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw(part)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<Entry> load(String part) throws IOException {
    List<Entry> out = new ArrayList<>();
    for (String line : new String(raw(part), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\|", -1);
      if (f.length < 8) {
        throw new IllegalArgumentException("a corpus line needs 9 fields: " + line);
      }
      List<String> tools = new ArrayList<>();
      Set<String> optional = new HashSet<>();
      for (String t : words(f[4])) {
        if (t.endsWith("?")) {
          optional.add(tool(t.substring(0, t.length() - 1)));
        } else {
          tools.add(tool(t));
        }
      }
      List<String[]> deps = new ArrayList<>();
      for (String d : words(f[5])) {
        String[] ab = d.split(">");
        deps.add(new String[] {tool(ab[0]), tool(ab[1])});
      }
      Set<String> effects = new HashSet<>();
      Set<String> optionalEffects = new HashSet<>();
      for (String t : words(f[6])) {
        if (t.endsWith("?")) {
          optionalEffects.add(tool(t.substring(0, t.length() - 1)));
        } else {
          effects.add(tool(t));
        }
      }
      List<String[]> checks = new ArrayList<>();
      for (String c : words(f.length > 8 ? f[8] : "")) {
        int dot = c.indexOf('.');
        int tilde = c.indexOf('~');
        checks.add(new String[] {tool(c.substring(0, dot)), c.substring(dot + 1, tilde),
            c.substring(tilde + 1)});
      }
      out.add(new Entry(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), tools, optional,
          deps, effects, optionalEffects, f[7].strip(), checks));
    }
    return out;
  }

  private static List<String> words(String field) {
    String s = field.strip();
    if (s.isEmpty() || s.equals("-")) {
      return List.of();
    }
    return List.of(s.split("\\s+"));
  }

  private static String tool(String shortName) {
    String t = TOOLS.get(shortName);
    if (t == null) {
      throw new IllegalArgumentException("unknown tool in the corpus: " + shortName);
    }
    return t;
  }

  /** Plans one request and checks the plan against the entry. */
  public static Result score(Entry e, Planner planner, ToolCatalog catalog, PlanContext context) {
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    PlanProposal proposal;
    try {
      proposal = planner.plan(e.request(), catalog, context);
    } catch (BatonException x) {
      long nanos = System.nanoTime() - start;
      if (x.code() != ErrorCode.PLAN_NOT_UNDERSTOOD) {
        failures.add("failed with " + x.code() + ": " + x.getMessage());
      } else if (!e.clarification().equals("refuse")) {
        failures.add("clarification: refused (" + x.getMessage() + "), expected "
            + e.clarification());
      } else if (!e.language().equals(x.details().get("language"))) {
        failures.add("language: refused in " + x.details().get("language"));
      }
      return new Result(e, failures, "refused: " + x.getMessage(), nanos);
    } catch (RuntimeException x) {
      failures.add("threw " + x);
      return new Result(e, failures, "threw", System.nanoTime() - start);
    }
    long nanos = System.nanoTime() - start;
    String shown = describe(proposal);
    if (e.clarification().equals("refuse")) {
      failures.add("clarification: planned, expected a refusal");
      return new Result(e, failures, shown, nanos);
    }
    List<Problem> problems = new PlanValidator(catalog).validate(proposal.plan());
    if (!problems.isEmpty()) {
      failures.add("invalid plan: " + problems);
    }
    if (!e.language().equals(proposal.language())) {
      failures.add("language: " + proposal.language());
    }
    List<Step> steps = proposal.plan().steps();
    // tools: every required one (as many times as listed), nothing beyond the optional ones
    Map<String, Integer> have = new HashMap<>();
    steps.forEach(s -> have.merge(s.tool(), 1, Integer::sum));
    Map<String, Integer> need = new HashMap<>();
    e.tools().forEach(t -> need.merge(t, 1, Integer::sum));
    for (var n : need.entrySet()) {
      if (have.getOrDefault(n.getKey(), 0) < n.getValue()) {
        failures.add("tools: " + n.getValue() + "× " + n.getKey() + " expected, "
            + have.getOrDefault(n.getKey(), 0) + " planned");
      }
    }
    for (var h : have.entrySet()) {
      if (!need.containsKey(h.getKey()) && !e.optionalTools().contains(h.getKey())) {
        failures.add("tools: unexpected " + h.getKey());
      } else if (need.containsKey(h.getKey()) && h.getValue() > need.get(h.getKey())
          && !e.optionalTools().contains(h.getKey())) {
        failures.add("tools: " + h.getValue() + "× " + h.getKey() + " planned, "
            + need.get(h.getKey()) + " expected");
      }
    }
    // dependencies: each expected one holds (directly or through other steps); no required step
    // depends on another required step unless the expected ones imply it
    PlanGraph graph = PlanGraph.of(proposal.plan());
    Map<StepId, Set<StepId>> upstream = new HashMap<>();
    for (Step s : steps) {
      upstream.put(s.id(), upstreamOf(graph, s.id()));
    }
    for (String[] d : e.dependencies()) {
      boolean found = false;
      for (Step b : steps) {
        if (b.tool().equals(d[1])) {
          for (StepId a : upstream.get(b.id())) {
            if (graph.step(a).tool().equals(d[0])) {
              found = true;
            }
          }
        }
      }
      if (!found) {
        failures.add("dependencies: " + d[1] + " does not follow " + d[0]);
      }
    }
    Set<String> implied = closure(e.dependencies());
    for (Step b : steps) {
      for (StepId a : graph.dependencies(b.id())) {
        String ta = graph.step(a).tool();
        if (ta.startsWith("ask.")) {
          // why: a clarifying question stands in for the look-up it replaces (the contact): what
          // needs the person depends on it, whichever steps the corpus line names
          continue;
        }
        if (need.containsKey(ta) && need.containsKey(b.tool()) && !ta.equals(b.tool())
            && !implied.contains(ta + ">" + b.tool())) {
          failures.add("dependencies: unexpected " + ta + " > " + b.tool());
        }
      }
    }
    // side effects: what the plan would change in the world
    Set<String> effects = new HashSet<>();
    for (Step s : steps) {
      catalog.find(s.tool()).map(Tool::descriptor).filter(d -> d.sideEffect())
          .ifPresent(d -> effects.add(s.tool()));
    }
    for (String t : e.effects()) {
      if (!effects.contains(t)) {
        failures.add("side effects: " + t + " missing");
      }
    }
    for (String t : effects) {
      if (!e.effects().contains(t) && !e.optionalEffects().contains(t)) {
        failures.add("side effects: unexpected " + t);
      }
    }
    // clarification: a question step of the right kind, or none
    boolean choose = have.containsKey("ask.choose");
    boolean fill = have.containsKey("ask.fill");
    String clarification = choose ? "choose" : fill ? "fill" : "-";
    if (!clarification.equals(e.clarification())) {
      failures.add("clarification: " + clarification + ", expected " + e.clarification());
    }
    for (String[] c : e.checks()) {
      boolean ok = steps.stream().anyMatch(s -> s.tool().equals(c[0]) && s.args().has(c[1])
          && String.valueOf(s.args().get(c[1])).contains(c[2]));
      if (!ok) {
        failures.add("argument: " + c[0] + "." + c[1] + " lacks '" + c[2] + "'");
      }
    }
    return new Result(e, failures, shown, nanos);
  }

  private static Set<StepId> upstreamOf(PlanGraph graph, StepId id) {
    Set<StepId> seen = new HashSet<>();
    List<StepId> todo = new ArrayList<>(graph.dependencies(id));
    while (!todo.isEmpty()) {
      StepId s = todo.removeLast();
      if (seen.add(s)) {
        todo.addAll(graph.dependencies(s));
      }
    }
    return seen;
  }

  private static Set<String> closure(List<String[]> deps) {
    Set<String> edges = new HashSet<>();
    deps.forEach(d -> edges.add(d[0] + ">" + d[1]));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (String x : List.copyOf(edges)) {
        for (String y : List.copyOf(edges)) {
          String[] a = x.split(">");
          String[] b = y.split(">");
          if (a[1].equals(b[0]) && edges.add(a[0] + ">" + b[1])) {
            grew = true;
          }
        }
      }
    }
    return edges;
  }

  private static String describe(PlanProposal p) {
    StringBuilder sb = new StringBuilder();
    for (Step s : p.plan().steps()) {
      sb.append(s.id()).append(':').append(s.tool()).append(' ').append(s.args()).append("; ");
    }
    return sb.toString();
  }

  /** Scores by category: passed and total, in the category's order of first appearance. */
  public static Map<String, int[]> byCategory(List<Result> results) {
    Map<String, int[]> out = new LinkedHashMap<>();
    for (Result r : results) {
      int[] c = out.computeIfAbsent(r.entry().category(), k -> new int[2]);
      c[0] += r.passed() ? 1 : 0;
      c[1]++;
    }
    return out;
  }

  public static List<Result> run(String part, Supplier<Planner> planner, ToolCatalog catalog,
      PlanContext context) throws IOException {
    List<Result> out = new ArrayList<>();
    Planner p = planner.get();
    for (Entry e : load(part)) {
      out.add(score(e, p, catalog, context));
    }
    return out;
  }

  /** The score table of one part, with the failures when {@code verbose}. */
  public static String table(String part, List<Result> results, boolean verbose) {
    StringBuilder sb = new StringBuilder();
    int passed = (int) results.stream().filter(Result::passed).count();
    long[] times = results.stream().mapToLong(Result::nanos).sorted().toArray();
    sb.append(String.format(Locale.ROOT, "%s: %d/%d = %.1f%% (planning: median %.2f ms, max %.2f"
        + " ms)%n", part, passed, results.size(), 100.0 * passed / results.size(),
        times[times.length / 2] / 1e6, times[times.length - 1] / 1e6));
    for (var c : byCategory(results).entrySet()) {
      sb.append(String.format(Locale.ROOT, "  %-13s %3d/%-3d %5.1f%%%n", c.getKey(),
          c.getValue()[0], c.getValue()[1], 100.0 * c.getValue()[0] / c.getValue()[1]));
    }
    if (verbose) {
      for (Result r : results) {
        if (!r.passed()) {
          sb.append("  FAIL ").append(r.entry()).append("\n       ").append(r.failures())
              .append("\n       ").append(r.plan()).append('\n');
        }
      }
    }
    return sb.toString();
  }

  public static void main(String[] args) throws Exception {
    List<String> parts = new ArrayList<>();
    boolean verbose = false;
    for (String a : args) {
      if (a.equals("-v")) {
        verbose = true;
      } else {
        parts.add(a);
      }
    }
    if (parts.isEmpty()) {
      parts = List.of("dev", "heldout");
    }
    Path workspace = Files.createTempDirectory("baton-corpus");
    ToolCatalog catalog = DemoCatalog.create(workspace);
    Map<String, String> digests = new TreeMap<>();
    for (String part : parts) {
      List<Result> results = run(part, OfflinePlanner::new, catalog, DemoCatalog.context());
      System.out.print(table(part, results, verbose));
      digests.put(part, digest(part));
    }
    digests.forEach((k, v) -> System.out.println(k + " sha256 " + v));
  }
}
