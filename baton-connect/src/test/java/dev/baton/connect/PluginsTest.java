package dev.baton.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.Json;
import dev.baton.core.memory.InMemoryToolAllowances;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOrigin;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins are jars compiled here from source (so their classes are on no class path of the test):
 * found by ServiceLoader, each in its own class loader, collisions refused, a broken one reported
 * while the others work.
 */
class PluginsTest {
  @TempDir
  Path folder;

  /** Compiles one tool class {@code pkg.Tool1} named {@code toolName} into {@code jar}. */
  private Path plugin(String jarName, String pkg, String toolName, String staticInit)
      throws IOException {
    Path src = folder.resolve("src-" + jarName).resolve(pkg);
    Files.createDirectories(src);
    Files.writeString(src.resolve("Tool1.java"), """
        package %1$s;
        import dev.baton.core.tool.*;
        public final class Tool1 extends TypedTool<Tool1.In, Tool1.Out> {
          public record In(String name) {}
          public record Out(String text, String loader) {}
          static { %3$s }
          public Tool1() {
            super("%2$s", "A plugin tool", In.class, Out.class, ToolOptions.readOnly().build());
          }
          @Override protected Out run(In in, ToolContext c) {
            return new Out("%2$s: " + in.name(), getClass().getClassLoader().getName());
          }
        }
        """.formatted(pkg, toolName, staticInit), StandardCharsets.UTF_8);
    Path classes = folder.resolve("classes-" + jarName);
    Files.createDirectories(classes);
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), src.resolve("Tool1.java").toString());
    assertThat(rc).isZero();
    Path jar = folder.resolve("plugins").resolve(jarName);
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/dev.baton.core.tool.Tool"));
      OutputStream o = out;
      o.write((pkg + ".Tool1\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static ToolContext context() {
    return new ToolContext("e", "s", 1, "e/s", "default", null);
  }

  @Test
  void loadsEachPluginInItsOwnClassLoaderAndKeepsGoingPastABrokenOne() throws Exception {
    plugin("a-good.jar", "pa", "alpha.say", "");
    plugin("b-broken.jar", "pb", "beta.say", "if (true) throw new RuntimeException(\"boom\");");
    plugin("c-good.jar", "pc", "gamma.say", "");
    Path home = folder;

    try (Connections c = Connections.open(home, Map.of(), InMemoryToolAllowances::new)) {
      List<CatalogEntry> entries = c.entries(List.of());
      List<Tool> tools = c.catalog(List.of());

      assertThat(tools).extracting(t -> t.descriptor().name())
          .containsExactly("alpha.say", "gamma.say");
      assertThat(entries).filteredOn(e -> e.name().equals("b-broken.jar:*")).singleElement()
          .satisfies(e -> assertThat(e.health()).startsWith("failed to load: ")
              .contains("boom"));
      assertThat(tools.getFirst().origin()).isEqualTo(ToolOrigin.plugin("a-good.jar"));
      var alpha = tools.get(0).call(Json.object().put("name", "Noa"), context());
      var gamma = tools.get(1).call(Json.object().put("name", "Noa"), context());
      assertThat(alpha.get("text").asString()).isEqualTo("alpha.say: Noa");
      assertThat(alpha.get("loader").asString()).isEqualTo("plugin a-good.jar");
      assertThat(gamma.get("loader").asString()).isEqualTo("plugin c-good.jar");
    }
  }

  @Test
  void aPluginToolWhoseNameIsTakenIsRefusedWithAClearMessage() throws Exception {
    plugin("a.jar", "pa", "shared.name", "");
    plugin("b.jar", "pb", "shared.name", "");
    plugin("c.jar", "pc", "builtin.tool", "");
    Tool builtIn = Plugins.load(List.of(folder.resolve("plugins/c.jar"))).getFirst().tools()
        .getFirst();

    try (Connections c = Connections.open(folder, Map.of(), InMemoryToolAllowances::new)) {
      List<CatalogEntry> entries = c.entries(List.of(builtIn));

      assertThat(entries).filteredOn(e -> e.name().equals("shared.name")).hasSize(2)
          .extracting(CatalogEntry::health).containsExactly("ok",
              "refused: another tool (built-in or an earlier plugin) is named shared.name");
      assertThat(entries).filteredOn(e -> e.name().equals("builtin.tool")).hasSize(2)
          .last().satisfies(e -> assertThat(e.health()).startsWith("refused"));
      assertThat(c.catalog(List.of(builtIn))).extracting(t -> t.descriptor().name())
          .containsExactly("shared.name");
    }
  }

  @Test
  void theConfigurationCanNameAJarOutsideThePluginsFolder() throws Exception {
    Path jar = plugin("x.jar", "px", "extra.say", "");
    Path elsewhere = Files.move(jar, folder.resolve("x.jar"));
    Files.writeString(folder.resolve(ConnectionsConfig.FILE_NAME), "plugins: [" + elsewhere
        + ", missing.jar]\n");

    try (Connections c = Connections.open(folder, Map.of(), InMemoryToolAllowances::new)) {
      assertThat(c.catalog(List.of())).extracting(t -> t.descriptor().name())
          .containsExactly("extra.say");
      assertThat(c.entries(List.of())).filteredOn(e -> e.name().equals("missing.jar:*"))
          .singleElement().satisfies(e -> assertThat(e.health()).contains("no such file"));
    }
  }
}
