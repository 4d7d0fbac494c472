package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example compiles against the real modules and prints what it says. */
class ReadmeExampleTest {
  @TempDir
  Path folder;

  @Test
  void theReadmesEmbeddingExampleRunsAsShown() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher block = Pattern.compile("```java\\n(.*?public class Hello.*?)```", Pattern.DOTALL)
        .matcher(readme);
    assertThat(block.find()).as("a java block with class Hello in README.md").isTrue();
    Matcher promise = Pattern.compile("It prints `([^`]+)`").matcher(readme);
    assertThat(promise.find()).isTrue();
    Path source = folder.resolve("Hello.java");
    Files.writeString(source, block.group(1));

    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d",
        folder.toString(), "-cp", System.getProperty("java.class.path"), source.toString());
    assertThat(compiled).isZero();

    PrintStream before = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()},
        getClass().getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      loader.loadClass("Hello").getMethod("main", String[].class)
          .invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(before);
    }
    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
        .isEqualTo(List.of(promise.group(1)));
  }
}
