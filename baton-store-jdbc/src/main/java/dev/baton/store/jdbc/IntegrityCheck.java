package dev.baton.store.jdbc;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** SQLite's own check of a database file, run after a process ended without closing it. */
final class IntegrityCheck {
  private static final int SHOWN = 3;

  private IntegrityCheck() {}

  /**
   * @param ended the processes that ended without closing the file, for the message
   * @throws BatonException STORE_CORRUPT with SQLite's first findings, naming the file
   */
  static void run(Database db, Path file, List<String> ended) {
    List<String> found = db.withConnection("check the integrity of " + file, c -> {
      List<String> out = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA quick_check")) {
        while (r.next()) {
          String line = r.getString(1);
          if (!"ok".equalsIgnoreCase(line)) {
            out.add(line);
          }
        }
      }
      return out;
    });
    if (!found.isEmpty()) {
      throw BatonException.of(ErrorCode.STORE_CORRUPT, file + " is damaged ("
          + String.join("; ", found.subList(0, Math.min(SHOWN, found.size())))
          + (found.size() > SHOWN ? "; and " + (found.size() - SHOWN) + " more" : "")
          + ") after " + String.join(", ", ended) + " ended without closing it; restore it"
          + " from a copy, or move it away to start afresh");
    }
  }
}
