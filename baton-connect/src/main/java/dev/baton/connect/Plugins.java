package dev.baton.connect;

import dev.baton.core.tool.Tool;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Tool plugins: jars that list {@link Tool} implementations (public, with a public no-argument
 * constructor) in {@code META-INF/services/dev.baton.core.tool.Tool}. Each jar gets a class loader
 * of its own whose parent is Baton's (so it sees the tool SDK, not other plugins). A plugin runs
 * inside Baton with Baton's rights: nothing sandboxes it.
 */
public final class Plugins {
  /** A jar and what came of loading it: its tools, or why it failed (then no tools). */
  public record Loaded(Path jar, List<Tool> tools, String problem) {
    public Loaded {
      tools = List.copyOf(tools);
    }

    public boolean failed() {
      return !problem.isEmpty();
    }
  }

  private Plugins() {}

  /** The jars in {@code folder} (sorted by name; none if it does not exist), then {@code named}. */
  public static List<Path> jars(Path folder, List<Path> named) {
    Set<Path> out = new LinkedHashSet<>();
    if (Files.isDirectory(folder)) {
      List<Path> found = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, "*.jar")) {
        s.forEach(found::add);
      } catch (IOException e) {
        // why: an unreadable folder is reported by the jars it holds failing, not by Baton failing
      }
      found.sort(null);
      out.addAll(found);
    }
    out.addAll(named);
    return List.copyOf(out);
  }

  /** Loads each jar on its own; one that fails is reported and the others load. */
  public static List<Loaded> load(List<Path> jars) {
    List<Loaded> out = new ArrayList<>();
    for (Path jar : jars) {
      out.add(loadOne(jar));
    }
    return out;
  }

  /** Each cause's class and message, outermost first: the root cause is usually the news. */
  private static String why(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      out.append(out.isEmpty() ? "" : " ← ").append(t.getClass().getSimpleName())
          .append(t.getMessage() == null ? "" : ": " + t.getMessage());
    }
    return out.toString();
  }

  private static Loaded loadOne(Path jar) {
    if (!Files.isRegularFile(jar)) {
      return new Loaded(jar, List.of(), "no such file");
    }
    URLClassLoader loader;
    try {
      loader = new URLClassLoader("plugin " + jar.getFileName(), new URL[] {jar.toUri().toURL()},
          Plugins.class.getClassLoader());
    } catch (IOException e) {
      return new Loaded(jar, List.of(), e.getMessage());
    }
    List<Tool> tools = new ArrayList<>();
    try {
      for (ServiceLoader.Provider<Tool> p : ServiceLoader.load(Tool.class, loader).stream()
          .toList()) {
        // why: providers the parent loader sees are Baton's, not this plugin's
        if (p.type().getClassLoader() != loader) {
          continue;
        }
        Tool tool = p.get();
        tool.descriptor();
        tools.add(new PluginTool(tool, jar.getFileName().toString()));
      }
    } catch (Throwable e) {
      // why: a plugin is foreign code; whatever it throws (an error in a static initialiser, a
      // missing class) must fail this plugin alone
      try {
        loader.close();
      } catch (IOException ignored) {
        // why: nothing more can be done about a jar that cannot be closed
      }
      return new Loaded(jar, List.of(), why(e));
    }
    if (tools.isEmpty()) {
      return new Loaded(jar, List.of(), "it lists no tools in META-INF/services/"
          + Tool.class.getName());
    }
    return new Loaded(jar, tools, "");
  }
}
