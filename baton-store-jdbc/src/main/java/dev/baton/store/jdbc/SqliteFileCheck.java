package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Looks at an SQLite file before the driver opens it, so that state is never silently lost: the
 * driver would take an empty file for a new database (history gone) and quietly discard what a
 * missing write-ahead log held. Creating a database is left for where no file exists. Pure checks
 * on the files; the messages name the file and say what to do.
 */
final class SqliteFileCheck {
  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  /** Bytes of a WAL file's header, and of each frame's header before its page. */
  private static final int WAL_HEADER = 32;
  private static final int FRAME_HEADER = 24;

  private SqliteFileCheck() {}

  /**
   * Refuses a path that is not an SQLite database: a folder, an empty file, a file of something
   * else. A missing file is fine (the driver creates it).
   *
   * @throws BatonException STORE_UNAVAILABLE (a folder, or unreadable) or STORE_CORRUPT
   */
  static void database(Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
      return;
    }
    if (Files.isDirectory(file)) {
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, file + " is a folder, not a database"
          + " file");
    }
    try {
      long size = Files.size(file);
      if (size == 0) {
        throw BatonException.of(ErrorCode.STORE_CORRUPT, file + " is empty (0 bytes), so it is"
            + " not a Baton database; Baton creates a database only where no file exists. If"
            + " history was there, restore the file; to start afresh, move the empty file away");
      }
      byte[] head = new byte[MAGIC.length];
      int read;
      try (InputStream in = Files.newInputStream(file)) {
        read = in.readNBytes(head, 0, head.length);
      }
      if (read < MAGIC.length || !Arrays.equals(head, MAGIC)) {
        throw BatonException.of(ErrorCode.STORE_CORRUPT, file + " is not an SQLite database (its"
            + " first bytes are not \"SQLite format 3\"); it may be damaged or another kind of"
            + " file. Baton leaves it untouched");
      }
    } catch (IOException e) {
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "cannot read " + file + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Refuses to open when the write-ahead log is gone (or cut short) while the shared-memory index
   * beside it says it held changes not yet copied into the database: opening would discard them
   * without a word. Only meaningful when no live process has the database open.
   *
   * @throws BatonException STORE_CORRUPT naming the files
   */
  static void writeAheadLog(Path file) {
    Path shm = file.resolveSibling(file.getFileName() + "-shm");
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    if (!Files.isRegularFile(shm)) {
      return;
    }
    try {
      byte[] header = new byte[48];
      int read;
      try (InputStream in = Files.newInputStream(shm)) {
        read = in.readNBytes(header, 0, header.length);
      }
      if (read < header.length) {
        return;
      }
      // why: the WAL index header is in the writing machine's byte order
      ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder());
      boolean initialised = b.get(12) != 0;
      int pageSize = b.getShort(14) & 0xFFFF;
      long frames = b.getInt(16) & 0xFFFFFFFFL;
      if (!initialised || frames == 0) {
        return;
      }
      long page = pageSize == 1 ? 65_536 : pageSize;
      long needed = WAL_HEADER + frames * (FRAME_HEADER + page);
      long have = Files.isRegularFile(wal) ? Files.size(wal) : -1;
      if (have >= needed) {
        return;
      }
      throw BatonException.of(ErrorCode.STORE_CORRUPT, "the write-ahead log " + wal.getFileName()
          + (have < 0 ? " is missing" : " is cut short (" + have + " of " + needed + " bytes)")
          + " although " + shm.getFileName() + " says it held " + frames + " change(s) not yet"
          + " copied into " + file + ": the most recent changes are lost. Baton stops so that"
          + " nothing more is overwritten; to go on with what " + file.getFileName() + " holds,"
          + " copy the folder, then move " + shm.getFileName() + " away");
    } catch (IOException e) {
      throw BatonException.of(ErrorCode.STORE_UNAVAILABLE, "cannot read " + shm + ": "
          + e.getMessage(), e);
    }
  }
}
