package dev.baton.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core opens no socket, file or connection, never reads the wall clock and never sleeps (every
 * wait goes through the time port), and depends on nothing but a JSON tree, schemas, tracing and
 * logging: caches, rate limits, threads and clocks come from adapters.
 */
class ArchitectureTest {
  private static final List<String> FORBIDDEN = List.of("import java.net.", "import java.nio.file.",
      "import java.sql.", "Instant.now()", "System.getenv(", "System.currentTimeMillis()",
      "System.nanoTime()", "InstantSource.system()", "Clock.system", "Thread.sleep(",
      "LockSupport.park", "Thread.ofVirtual()", "Thread.ofPlatform()", "new Thread(",
      "Executors.new");
  private static final Set<String> ALLOWED_DEPENDENCIES = Set.of("jackson-databind",
      "jsonschema-generator", "jsonschema-module-jackson", "json-schema-validator",
      "opentelemetry-api", "slf4j-api");

  @Test
  void coreSourcesStayFreeOfIoClocksSleepsAndThreads() throws IOException {
    Path main = Path.of("src/main/java");
    try (Stream<Path> files = Files.walk(main)) {
      List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(java).isNotEmpty();
      for (Path p : java) {
        String text = Files.readString(p);
        for (String bad : FORBIDDEN) {
          assertThat(text).as(p + " must not use " + bad).doesNotContain(bad);
        }
      }
    }
  }

  @Test
  void coreDependsOnlyOnWhatItsDomainNeeds() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(pom);
    List<String> artifacts = m.results().map(r -> r.group(1)).toList();
    // why: the first two are the parent's and this module's own
    assertThat(artifacts.subList(2, artifacts.size())).isSubsetOf(ALLOWED_DEPENDENCIES);
  }
}
