package dev.baton.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, kept in the data folder: by default the driver writes it from the jar
 * to a new temporary file in every process and compares the two byte by byte, a third of the time
 * {@code baton status} takes. Here it is written once (per driver version and platform) and the
 * driver is told to load it from there ({@code org.sqlite.lib.path}). Anything unexpected leaves
 * the driver to its own way.
 */
final class SqliteNativeLibrary {
  static final String PATH_PROPERTY = "org.sqlite.lib.path";
  static final String NAME_PROPERTY = "org.sqlite.lib.name";

  private SqliteNativeLibrary() {}

  /** Points the driver at the library in {@code home}, unless someone chose a library already. */
  static void useFrom(Path home) {
    if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
      return;
    }
    prepare(home).ifPresent(file -> {
      System.setProperty(PATH_PROPERTY, file.getParent().toString());
      System.setProperty(NAME_PROPERTY, file.getFileName().toString());
    });
  }

  /**
   * The library for this platform under {@code home/native}, written from the driver's jar when
   * missing or of another size; empty when the driver has none for this platform or it cannot be
   * written.
   */
  static Optional<Path> prepare(Path home) {
    String folder = LibraryLoaderUtil.getNativeLibResourcePath();
    String name = LibraryLoaderUtil.getNativeLibName();
    URL resource = SQLiteJDBCLoader.class.getResource(folder + "/" + name);
    if (resource == null) {
      return Optional.empty();
    }
    Path file = home.resolve("native").resolve("sqlite-" + SQLiteJDBCLoader.getVersion()
        + folder.replace("/org/sqlite/native", "").replace('/', '-')).resolve(name);
    try {
      URLConnection connection = resource.openConnection();
      long size = connection.getContentLengthLong();
      if (size > 0 && Files.isRegularFile(file) && Files.size(file) == size) {
        return Optional.of(file);
      }
      Files.createDirectories(file.getParent());
      // why: written aside and moved into place, so a process loading it never sees half a file
      Path part = Files.createTempFile(file.getParent(), name, ".part");
      try (InputStream in = connection.getInputStream()) {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(part);
      }
      return Optional.of(file);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
