package dev.baton.tools.files;

import dev.baton.core.error.BatonException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Where the files agent finds documents. Paths are workspace-relative with '/' separators; a path
 * that leaves the workspace is refused with a permanent {@link BatonException}.
 */
public interface Drive {
  /** Documents matching the words (any of them; empty for all), newest-relevant first. */
  List<Hit> search(Search query);

  /** Files and folders in a folder ("" for the top), hidden ones left out. */
  List<Entry> list(String folder, boolean recursive);

  /** The text of a document. */
  Text read(String path);

  /**
   * A search: words in either language, an optional date range (inclusive) and folder; Baton's
   * own outputs (see {@link BatonOutput}) only when {@code includeOwn}.
   */
  record Search(String words, Optional<LocalDate> from, Optional<LocalDate> to,
      Optional<String> folder, int limit, boolean includeOwn) {
    /** A search of people's documents only. */
    public Search(String words, Optional<LocalDate> from, Optional<LocalDate> to,
        Optional<String> folder, int limit) {
      this(words, from, to, folder, limit, false);
    }
  }

  /** A found document; {@code date} is ISO, {@code snippet} a line around the first match. */
  record Hit(String path, String title, String date, String snippet, double score) {}

  /**
   * A listed file, folder or symbolic link; {@code modified} is ISO; folders and links have size
   * 0, and a link's time is its own (what it points to is never looked at).
   */
  record Entry(String path, boolean folder, boolean link, long bytes, String modified) {}

  /** A document's text and the date it is about. */
  record Text(String path, String text, String date) {}
}
