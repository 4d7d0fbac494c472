package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteNativeLibraryTest {
  @TempDir
  Path home;

  private static byte[] fromTheDriver() throws Exception {
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(
        LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
      return in.readAllBytes();
    }
  }

  @Test
  void writesTheDriversLibraryIntoTheDataFolderOnce() throws Exception {
    Path file = SqliteNativeLibrary.prepare(home).orElseThrow();

    assertThat(file).startsWith(home.resolve("native"));
    assertThat(Files.readAllBytes(file)).isEqualTo(fromTheDriver());

    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, old);
    assertThat(SqliteNativeLibrary.prepare(home)).contains(file);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
  }

  @Test
  void replacesALibraryOfTheWrongSize() throws Exception {
    Path file = SqliteNativeLibrary.prepare(home).orElseThrow();
    Files.write(file, new byte[] {1, 2, 3});

    assertThat(SqliteNativeLibrary.prepare(home)).contains(file);
    assertThat(Files.readAllBytes(file)).isEqualTo(fromTheDriver());
    try (var left = Files.list(file.getParent())) {
      assertThat(left).containsExactly(file);
    }
  }
}
