package dev.baton.tools.bench;

import dev.baton.tools.calendar.Busy;
import dev.baton.tools.calendar.IcsCodec;
import dev.baton.tools.calendar.Interval;
import dev.baton.tools.calendar.NewEvent;
import dev.baton.tools.calendar.SlotFinder;
import dev.baton.tools.calendar.WorkingHours;
import dev.baton.tools.files.Drive;
import dev.baton.tools.files.LuceneFolderDrive;
import dev.baton.tools.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A plain benchmark of the agents' heavy paths: full-text search over 10,000 generated documents
 * (indexing time, query time, heap) and slot search over a month of 20 busy calendars. Prints a
 * Markdown table. Run with the test class path, e.g.
 * {@code java -cp target/test-classes:target/classes:<deps> dev.baton.tools.bench.AgentsBenchmark}.
 */
public final class AgentsBenchmark {
  static final int DOCUMENTS = 10_000;
  static final int QUERIES = 200;
  static final int PEOPLE = 20;
  static final ZoneId TZ = ZoneId.of("Asia/Jerusalem");
  static final String[] WORDS = {"תבואות", "פגישה", "תקציב", "החלטה", "חקלאים", "השקיה", "יבול",
      "Tevuot", "harvest", "budget", "pilot", "decision", "irrigation", "farm", "report",
      "sensor", "meeting", "וְהַתְּבוּאָה", "מסמך", "לוח", "זמנים", "vendor", "contract", "שלום"};

  private AgentsBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String[]> rows = new ArrayList<>();
    search(rows);
    slots(rows);
    System.out.println("| measure | value |");
    System.out.println("| --- | --- |");
    rows.forEach(r -> System.out.println("| " + r[0] + " | " + r[1] + " |"));
  }

  private static void search(List<String[]> rows) throws Exception {
    Path root = Files.createTempDirectory("baton-bench");
    Random random = new Random(42);
    for (int i = 0; i < DOCUMENTS; i++) {
      Path dir = root.resolve("folder-" + (i % 50));
      Files.createDirectories(dir);
      StringBuilder sb = new StringBuilder("# Document " + i + "\nDate: 2025-12-"
          + String.format("%02d", 1 + i % 28) + "\n");
      for (int w = 0; w < 120; w++) {
        sb.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ".\n" : " ");
      }
      Files.writeString(dir.resolve("doc-" + i + (i % 2 == 0 ? ".md" : ".txt")), sb.toString());
    }
    System.gc();
    long heapBefore = used();
    long t0 = System.nanoTime();
    try (LuceneFolderDrive drive = new LuceneFolderDrive(new Workspace(root), TZ)) {
      int indexed = drive.refresh();
      long indexing = System.nanoTime() - t0;
      long heapAfter = used();
      long q0 = System.nanoTime();
      int hits = 0;
      for (int i = 0; i < QUERIES; i++) {
        hits += drive.search(new Drive.Search(WORDS[i % WORDS.length] + " budget",
            Optional.of(LocalDate.of(2025, 12, 10)), Optional.of(LocalDate.of(2025, 12, 20)),
            Optional.empty(), 20)).size();
      }
      long query = (System.nanoTime() - q0) / QUERIES;
      rows.add(new String[] {"documents indexed", Integer.toString(indexed)});
      rows.add(new String[] {"indexing time", ms(indexing)});
      rows.add(new String[] {"query time (mean of " + QUERIES + ", incl. folder sync walk)",
          ms(query)});
      rows.add(new String[] {"hits per query (mean)", Integer.toString(hits / QUERIES)});
      rows.add(new String[] {"heap used after indexing", (heapAfter - heapBefore) / (1 << 20)
          + " MB over " + heapBefore / (1 << 20) + " MB before"});
    }
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void slots(List<String[]> rows) {
    Random random = new Random(7);
    LocalDate first = LocalDate.of(2026, 2, 1);
    StringBuilder events = new StringBuilder();
    List<String> people = new ArrayList<>();
    int count = 0;
    for (int p = 0; p < PEOPLE; p++) {
      String person = "p" + p + "@x.com";
      people.add(person);
      for (int d = 0; d < 30; d++) {
        for (int m = 0; m < 3; m++) {
          Instant start = first.plusDays(d).atTime(8 + random.nextInt(9), 15 * random.nextInt(4))
              .atZone(TZ).toInstant();
          events.append(IcsCodec.render(new NewEvent("e" + count++ + "@bench", "Busy", start,
              start.plus(Duration.ofMinutes(30 + 15 * random.nextInt(6))), person, List.of(), "",
              ""), Instant.EPOCH));
        }
      }
    }
    String ics = IcsCodec.calendar(events.toString());
    Instant from = first.atStartOfDay(TZ).toInstant();
    Instant to = first.plusDays(30).atStartOfDay(TZ).toInstant();
    long p0 = System.nanoTime();
    var occurrences = IcsCodec.occurrences(IcsCodec.parse(ics, "bench"), from, to, TZ);
    long parse = System.nanoTime() - p0;
    List<List<Interval>> busy = new ArrayList<>();
    for (String person : people) {
      busy.add(Busy.of(occurrences, person, "owner@x.com"));
    }
    SlotFinder finder = new SlotFinder(WorkingHours.ISRAEL, TZ);
    int runs = 1000;
    Optional<Interval> slot = Optional.empty();
    long s0 = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      slot = finder.first(busy, Duration.ofMinutes(60), from, to);
    }
    long search = (System.nanoTime() - s0) / runs;
    rows.add(new String[] {"calendar events (20 people × 30 days × 3)",
        Integer.toString(occurrences.size())});
    rows.add(new String[] {"parse + expand the month's .ics", ms(parse)});
    rows.add(new String[] {"slot search, 60 min for 20 people (mean of " + runs + ")",
        String.format("%.3f ms", search / 1e6)});
    rows.add(new String[] {"slot found", slot.map(i -> i.start().atZone(TZ).toString())
        .orElse("none")});
  }

  private static long used() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static String ms(long nanos) {
    return String.format("%.1f ms", nanos / 1e6);
  }
}
