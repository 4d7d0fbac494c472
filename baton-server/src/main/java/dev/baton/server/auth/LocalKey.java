package dev.baton.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The admin key of the {@code default} tenant kept in the data folder ({@code keys/admin.key},
 * readable by its owner only), made on the server's first run so the CLI and the dashboard work
 * with no set-up.
 */
public final class LocalKey {
  public static final String FILE = "keys/admin.key";

  private LocalKey() {}

  public static Path file(Path home) {
    return home.resolve(FILE);
  }

  /** The key in the file, if it exists and still verifies; else a new admin key written there. */
  public static String ensure(Path home, ApiKeys keys) {
    Path file = file(home);
    Optional<String> existing = read(file);
    if (existing.isPresent() && keys.verify(existing.get()).isPresent()) {
      return existing.get();
    }
    ApiKeys.NewKey k = keys.create("default", "local admin (" + FILE + ")", Role.ADMIN);
    write(file, k.secret());
    return k.secret();
  }

  public static Optional<String> read(Path file) {
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void write(Path file, String key) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, key + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin key to " + file, e);
    }
  }
}
