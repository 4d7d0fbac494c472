package dev.baton.tools.files;

import dev.baton.core.error.BatonException;
import dev.baton.core.tool.ToolFailure;
import dev.baton.tools.workspace.Workspace;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * A Lucene full-text index of the workspace's documents, stored in {@code .baton/index} inside it
 * and brought up to date with the folder before every use: new and changed files (by modification
 * time and size) are read again, deleted ones dropped. Thread-safe; one writer at a time.
 */
final class WorkspaceIndex implements Closeable {
  static final String PATH = "path";
  static final String TITLE = "title";
  static final String BODY = "body";
  static final String FOLDERS = "folders";
  static final String FOLDER = "folder";
  static final String DAY = "day";
  static final String STAMP = "stamp";
  static final String ERROR = "error";

  private final Workspace workspace;
  private final DocumentReader reader;
  private final ZoneId zone;
  private final Analyzer analyzer = new FoldingAnalyzer();
  private final Directory directory;
  private final Map<String, String> stamps = new HashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private DirectoryReader index;

  WorkspaceIndex(Workspace workspace, DocumentReader reader, ZoneId zone) {
    this.workspace = workspace;
    this.reader = reader;
    this.zone = zone;
    try {
      Path folder = workspace.root().resolve(".baton").resolve("index");
      Files.createDirectories(folder);
      this.directory = FSDirectory.open(folder);
      try (IndexWriter w = writer()) {
        w.commit();
      }
      this.index = DirectoryReader.open(directory);
      loadStamps();
    } catch (IOException e) {
      throw ToolFailure.retryable("cannot open the search index of the workspace", e);
    }
  }

  Analyzer analyzer() {
    return analyzer;
  }

  /** What a sync did. */
  record SyncReport(int added, int removed, int unreadable) {}

  /** Brings the index up to date with the folder and returns a searcher over it. */
  IndexSearcher searcher() {
    sync();
    lock.lock();
    try {
      return new IndexSearcher(index);
    } finally {
      lock.unlock();
    }
  }

  /** Re-reads changed files and drops deleted ones. */
  SyncReport sync() {
    lock.lock();
    try {
      Map<String, Path> current = new HashMap<>();
      Map<String, String> currentStamps = new HashMap<>();
      walk(current, currentStamps);
      List<String> changed = new ArrayList<>();
      for (var e : currentStamps.entrySet()) {
        if (!e.getValue().equals(stamps.get(e.getKey()))) {
          changed.add(e.getKey());
        }
      }
      List<String> removed = stamps.keySet().stream()
          .filter(p -> !currentStamps.containsKey(p)).toList();
      if (changed.isEmpty() && removed.isEmpty()) {
        return new SyncReport(0, 0, 0);
      }
      int unreadable = 0;
      try (IndexWriter w = writer()) {
        for (String p : removed) {
          w.deleteDocuments(new Term(PATH, p));
          stamps.remove(p);
        }
        for (String p : changed) {
          Document doc = document(p, current.get(p), currentStamps.get(p));
          unreadable += doc.get(ERROR) == null ? 0 : 1;
          w.updateDocument(new Term(PATH, p), doc);
          stamps.put(p, currentStamps.get(p));
        }
        w.commit();
      }
      DirectoryReader fresh = DirectoryReader.openIfChanged(index);
      if (fresh != null) {
        index.close();
        index = fresh;
      }
      return new SyncReport(changed.size(), removed.size(), unreadable);
    } catch (IOException e) {
      throw ToolFailure.retryable("cannot update the search index of the workspace", e);
    } finally {
      lock.unlock();
    }
  }

  private Document document(String relative, Path file, String stamp) throws IOException {
    Document doc = new Document();
    doc.add(new StringField(PATH, relative, Field.Store.YES));
    doc.add(new StringField(STAMP, stamp, Field.Store.YES));
    String folder = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/')) : "";
    for (String prefix = folder; !prefix.isEmpty();
        prefix = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "") {
      doc.add(new StringField(FOLDER, prefix, Field.Store.NO));
    }
    doc.add(new TextField(FOLDERS, folder.replace('/', ' ').replace('-', ' ').replace('_', ' '),
        Field.Store.NO));
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    String text;
    LocalDate day;
    try {
      DocumentReader.Extracted extracted = reader.read(file);
      text = extracted.text();
      day = DocumentDates.of(text, extracted.created(), modified, zone);
    } catch (BatonException e) {
      text = "";
      day = modified.atZone(zone).toLocalDate();
      doc.add(new StoredField(ERROR, e.getMessage()));
    }
    doc.add(new TextField(TITLE, title(text, file), Field.Store.YES));
    doc.add(new TextField(BODY, text, Field.Store.YES));
    doc.add(new LongPoint(DAY, day.toEpochDay()));
    doc.add(new StoredField(DAY, day.toEpochDay()));
    doc.add(new NumericDocValuesField(DAY, day.toEpochDay()));
    return doc;
  }

  /** The first non-empty line without Markdown heading marks, else the file name. */
  static String title(String text, Path file) {
    for (String line : text.split("\\R", 20)) {
      String t = line.replaceFirst("^#+\\s*", "").strip();
      if (!t.isEmpty()) {
        return t.length() > 120 ? t.substring(0, 120) : t;
      }
    }
    return file.getFileName().toString();
  }

  private void walk(Map<String, Path> files, Map<String, String> stampsOut) throws IOException {
    Path root = workspace.root();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")
            && DocumentReader.readable(file)) {
          String rel = workspace.relative(file);
          files.put(rel, file);
          stampsOut.put(rel, attrs.lastModifiedTime().toMillis() + ":" + attrs.size());
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) {
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private void loadStamps() throws IOException {
    for (var leaf : index.leaves()) {
      Bits live = leaf.reader().getLiveDocs();
      StoredFields leafFields = leaf.reader().storedFields();
      for (int i = 0; i < leaf.reader().maxDoc(); i++) {
        if (live == null || live.get(i)) {
          Document d = leafFields.document(i, java.util.Set.of(PATH, STAMP));
          stamps.put(d.get(PATH), d.get(STAMP));
        }
      }
    }
  }

  private IndexWriter writer() throws IOException {
    return new IndexWriter(directory, new IndexWriterConfig(analyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      index.close();
      directory.close();
    } finally {
      lock.unlock();
    }
  }
}
