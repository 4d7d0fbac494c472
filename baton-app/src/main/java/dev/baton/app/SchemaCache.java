package dev.baton.app;

import dev.baton.core.json.Json;
import dev.baton.core.tool.Schemas;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.TypedTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes the JSON schema of every built-in tool's input and output records beside the classes, at
 * build time (the pom runs it after compiling), where {@link Schemas#of} finds them: a fresh process
 * then reads a small file per schema instead of generating it (tens of milliseconds each before
 * the JIT warms up). Tools added at run time, and tools of other modules' tests, are generated as
 * before.
 *
 * <p>Usage: {@code SchemaCache OUTPUT_CLASSES_FOLDER}.
 */
public final class SchemaCache {
  private SchemaCache() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SchemaCache OUTPUT_CLASSES_FOLDER");
    }
    Path out = Path.of(args[0]);
    Path home = Files.createTempDirectory("baton-schemas");
    try {
      for (Class<?> type : types(ConfigLoader.load(home, Map.of(), Map.of()))) {
        Path file = out.resolve(Schemas.resource(type));
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.write(Schemas.generate(type)));
      }
    } finally {
      // why: making the tools creates the (empty) workspace folder
      try (var walk = Files.walk(home)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** The record types of the built-in tools' inputs and outputs. */
  static Set<Class<?>> types(BatonConfig config) {
    Set<Class<?>> types = new LinkedHashSet<>();
    for (Tool t : BatonApp.tools(config, null)) {
      if (t instanceof TypedTool<?, ?> typed) {
        types.add(typed.inputType());
        types.add(typed.outputType());
      }
    }
    return types;
  }
}
