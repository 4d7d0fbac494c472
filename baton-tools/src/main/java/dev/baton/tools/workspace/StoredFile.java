package dev.baton.tools.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One file a back end keeps its data in (the calendar's .ics, the address book's .vcf): read whole,
 * replaced whole. Inside the workspace it comes from {@link Workspace#file}, which never follows a
 * link; a file configured elsewhere uses {@link #at}.
 */
public interface StoredFile {
  /** The name to show in messages. */
  String name();

  /** The content, or empty when there is no such file yet. */
  Optional<byte[]> read() throws IOException;

  /** Replaces the content atomically. */
  void write(byte[] content) throws IOException;

  /** A file at a path a person configured (outside any workspace). */
  static StoredFile at(Path file) {
    return new StoredFile() {
      @Override
      public String name() {
        return String.valueOf(file.getFileName());
      }

      @Override
      public Optional<byte[]> read() throws IOException {
        try {
          return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
          return Optional.empty();
        }
      }

      @Override
      public void write(byte[] content) throws IOException {
        AtomicFiles.write(file, content);
      }
    };
  }
}
