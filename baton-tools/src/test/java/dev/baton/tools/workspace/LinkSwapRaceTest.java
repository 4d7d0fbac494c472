package dev.baton.tools.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.error.BatonException;
import dev.baton.core.json.Json;
import dev.baton.tools.Contexts;
import dev.baton.tools.editor.WriteDocumentTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of the workspace is swapped for a symbolic link to a folder outside, thousands of times,
 * while documents are written into it. {@code editor.write} never lands a file outside; the same
 * harness against a plain check-then-write does (the positive control, which shows the race is
 * real and the harness can see it).
 */
class LinkSwapRaceTest {
  /** Swaps done by the attacker before the writers stop. */
  static final int SWAPS = 3_000;

  @TempDir
  Path root;
  @TempDir
  Path outside;

  /** What each harness run saw. */
  record Outcome(int swaps, int written, int refused, long escaped) {}

  interface Writer {
    void write(int n) throws Exception;
  }

  @Test
  void editorWriteNeverLandsOutsideWhileAFolderIsSwappedForALink() throws Exception {
    Workspace workspace = new Workspace(root);
    WriteDocumentTool tool = new WriteDocumentTool(workspace);
    Outcome o = race(n -> tool.call(Json.tree(Map.of("path", "sub/doc-" + n + ".md", "title",
        "Doc " + n, "sections", List.of())), Contexts.of("exec-race", "s" + n)), false);
    System.out.printf("editor.write under link swaps: %d swaps, %d writes succeeded,"
        + " %d refused, %d files outside%n", o.swaps(), o.written(), o.refused(), o.escaped());
    assertThat(o.swaps()).isGreaterThanOrEqualTo(SWAPS);
    assertThat(o.escaped()).isZero();
    assertThat(o.written()).isPositive();
    assertThat(o.refused()).isPositive();
    assertThat(leftoverTemporaryFiles()).isZero();
  }

  @Test
  void aPlainCheckThenWriteEscapesUnderTheSameHarness() throws Exception {
    Path real = root.toRealPath();
    Outcome o = race(n -> {
      Path target = real.resolve("sub/doc-" + n + ".md");
      // the old way: judge where the path leads, then write it by name
      Path existing = target;
      while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        existing = existing.getParent();
      }
      if (!existing.toRealPath().startsWith(real)) {
        throw new IOException("refused: leads outside");
      }
      Files.writeString(target, "Doc " + n);
    }, true);
    System.out.printf("check-then-write under link swaps: %d swaps, %d writes succeeded,"
        + " %d refused, %d files outside%n", o.swaps(), o.written(), o.refused(), o.escaped());
    assertThat(o.escaped()).isPositive();
  }

  /**
   * Runs the writer in a loop while another thread swaps {@code sub} between a real folder and a
   * link to {@code outside}, until {@link #SWAPS} swaps (or, with {@code untilEscape}, the first
   * file outside after them, bounded).
   */
  private Outcome race(Writer writer, boolean untilEscape) throws Exception {
    Path sub = root.resolve("sub");
    Path aside = root.resolve("sub-aside");
    Files.createDirectories(sub);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger swaps = new AtomicInteger();
    Thread attacker = Thread.ofPlatform().start(() -> {
      for (long i = 0; !stop.get(); i++) {
        // why: a writer may create the folder anew while it is aside; each step may fail, and
        // the next round starts from whatever is there
        Path away = aside.resolveSibling("sub-aside-" + i);
        try {
          Files.move(sub, away);
        } catch (IOException e) {
          continue;
        }
        try {
          Files.createSymbolicLink(sub, outside);
          swaps.incrementAndGet();
          Thread.onSpinWait();
          Files.delete(sub);
        } catch (IOException e) {
          // the name was taken meanwhile
        }
        try {
          Files.move(away, sub);
        } catch (IOException e) {
          // the writer made a new folder; the old one stays aside
        }
      }
    });
    long started = System.nanoTime();
    int written = 0;
    int refused = 0;
    int n = 0;
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline && (swaps.get() < SWAPS
        || (untilEscape && escaped() == 0 && swaps.get() < 20 * SWAPS))) {
      try {
        writer.write(n++);
        written++;
      } catch (BatonException | IOException e) {
        refused++;
      }
    }
    stop.set(true);
    attacker.join();
    System.out.printf("(%.1f s)%n", (System.nanoTime() - started) / 1e9);
    return new Outcome(swaps.get(), written, refused, escaped());
  }

  private long escaped() throws IOException {
    try (Stream<Path> s = Files.list(outside)) {
      return s.count();
    }
  }

  private long leftoverTemporaryFiles() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
    }
  }
}
