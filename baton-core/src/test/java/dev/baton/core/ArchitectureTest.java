package dev.baton.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Core opens no socket, file or connection and never reads the wall clock itself. */
class ArchitectureTest {
  private static final List<String> FORBIDDEN = List.of("import java.net.", "import java.nio.file.",
      "import java.sql.", "Instant.now()", "System.getenv(", "System.currentTimeMillis()");

  @Test
  void coreSourcesStayFreeOfIo() throws IOException {
    Path main = Path.of("src/main/java");
    try (Stream<Path> files = Files.walk(main)) {
      List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(java).isNotEmpty();
      for (Path p : java) {
        String text = Files.readString(p);
        for (String bad : FORBIDDEN) {
          // why: Engine.await measures a caller's timeout in real time, not engine time
          if (bad.equals("Instant.now()") && p.endsWith("Engine.java")) {
            continue;
          }
          assertThat(text).as(p + " must not use " + bad).doesNotContain(bad);
        }
      }
    }
  }
}
