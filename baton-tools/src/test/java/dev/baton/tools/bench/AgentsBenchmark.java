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
 * {@code java -cp target/test-classes:target/classes:<deps> dev.baton.tools.bench.AgentsBenchmark}
 * (argument {@code files} for the files part alone).
 */
public final class AgentsBenchmark {
  static final int DOCUMENTS = 10_000;
  static final int QUERIES = 200;
  static final int WARM_UP = 200;
  static final int PEOPLE = 20;
  static final ZoneId TZ = ZoneId.of("Asia/Jerusalem");
  static final String[] WORDS = {"תבואות", "פגישה", "תקציב", "החלטה", "חקלאים", "השקיה", "יבול",
      "Tevuot", "harvest", "budget", "pilot", "decision", "irrigation", "farm", "report",
      "sensor", "meeting", "וְהַתְּבוּאָה", "מסמך", "לוח", "זמנים", "vendor", "contract", "שלום"};

  private AgentsBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String[]> rows = new ArrayList<>();
    search(rows);
    if (args.length == 0 || !args[0].equals("files")) {
      slots(rows);
    }
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
    Workspace workspace = new Workspace(root);
    System.gc();
    long heapBefore = used();
    // cold: an empty index in a fresh JVM, every document read, analysed and written
    HeapPeak peak = HeapPeak.start();
    long cpu0 = cpu();
    long t0 = System.nanoTime();
    LuceneFolderDrive drive = new LuceneFolderDrive(workspace, TZ);
    int indexed = drive.refresh();
    long indexing = System.nanoTime() - t0;
    long indexingCpu = cpu() - cpu0;
    long heapPeak = peak.stop();
    System.gc();
    long heapRetained = used();
    rows.add(new String[] {"documents indexed (cold, empty index)", Integer.toString(indexed)});
    rows.add(new String[] {"cold indexing time, fresh JVM (open + full sync)", ms(indexing)
        + " (process CPU " + ms(indexingCpu) + ", " + cores() + ")"});
    rows.add(new String[] {"heap used during indexing (peak, sampled)",
        (heapPeak - heapBefore) / (1 << 20) + " MB over " + heapBefore / (1 << 20)
            + " MB before"});
    rows.add(new String[] {"heap retained with the index open (after GC)",
        (heapRetained - heapBefore) / (1 << 20) + " MB"});
    // warm: the index is up to date; every query still checks the folder for changes
    for (int i = 0; i < WARM_UP; i++) {
      query(drive, i);
    }
    int hits = 0;
    long[] each = new long[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      long q0 = System.nanoTime();
      hits += query(drive, i);
      each[i] = System.nanoTime() - q0;
    }
    rows.add(new String[] {"warm query time, mean of " + QUERIES + " (incl. change check)",
        ms(java.util.Arrays.stream(each).sum() / QUERIES)});
    java.util.Arrays.sort(each);
    rows.add(new String[] {"warm query time, median / max", ms(each[QUERIES / 2]) + " / "
        + ms(each[QUERIES - 1])});
    rows.add(new String[] {"hits per query (mean)", Integer.toString(hits / QUERIES)});
    // a change between two queries: the next query must find it
    Files.writeString(root.resolve("folder-7").resolve("new-note.md"),
        "# New note\nDate: 2025-12-12\nquokka budget");
    long c0 = System.nanoTime();
    int found = drive.search(new Drive.Search("quokka", Optional.empty(), Optional.empty(),
        Optional.empty(), 5)).size();
    rows.add(new String[] {"query right after adding a file (finds it: " + (found == 1) + ")",
        ms(System.nanoTime() - c0)});
    drive.close();
    // reopen: the index on disk is reused, nothing to re-read
    long r0 = System.nanoTime();
    try (LuceneFolderDrive again = new LuceneFolderDrive(workspace, TZ)) {
      query(again, 0);
      rows.add(new String[] {"reopen an up-to-date index + first query", ms(System.nanoTime()
          - r0)});
    }
    // the same cold indexing again, once the JIT has compiled the hot code
    try (var walk = Files.walk(root.resolve(".baton"))) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    long w0 = System.nanoTime();
    long wcpu0 = cpu();
    try (LuceneFolderDrive again = new LuceneFolderDrive(workspace, TZ)) {
      int count = again.refresh();
      rows.add(new String[] {"indexing again from an empty index, warm JVM (" + count
          + " documents)", ms(System.nanoTime() - w0) + " (process CPU " + ms(cpu() - wcpu0)
          + ")"});
    }
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static int query(Drive drive, int i) {
    return drive.search(new Drive.Search(WORDS[i % WORDS.length] + " budget",
        Optional.of(LocalDate.of(2025, 12, 10)), Optional.of(LocalDate.of(2025, 12, 20)),
        Optional.empty(), 20)).size();
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

  /** The most heap in use while it runs, sampled every few milliseconds. */
  private static final class HeapPeak {
    private final java.util.concurrent.atomic.AtomicLong max =
        new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    static HeapPeak start() {
      HeapPeak p = new HeapPeak();
      p.thread = Thread.ofPlatform().daemon().start(() -> {
        while (p.running) {
          p.max.accumulateAndGet(used(), Math::max);
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      return p;
    }

    long stop() throws InterruptedException {
      running = false;
      thread.join();
      return Math.max(max.get(), used());
    }
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String cores() {
    return Runtime.getRuntime().availableProcessors() + " cores";
  }

  private static long used() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static String ms(long nanos) {
    return String.format("%.1f ms", nanos / 1e6);
  }
}
