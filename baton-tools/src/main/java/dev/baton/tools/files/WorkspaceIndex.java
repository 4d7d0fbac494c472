package dev.baton.tools.files;

import dev.baton.core.error.BatonException;
import dev.baton.core.tool.ToolFailure;
import dev.baton.tools.workspace.Workspace;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * A Lucene full-text index of the workspace's documents, stored in {@code .baton/index} inside it
 * and brought up to date with the folder before every search. Several processes may share it: one
 * writes at a time under {@code .baton/index.lock} while the others wait, and every search sees
 * what any of them committed.
 *
 * <p>Keeping up to date: the first search walks the whole folder (new and changed files, by
 * modification time and size, are read again; deleted ones dropped). After that, on Linux, a
 * {@link FolderWatcher} says which paths changed since the previous search, and only those are
 * looked at; a change made before a search starts is always seen by it. Without a watcher (other
 * systems), when events were lost, and at least every {@link #FULL_WALK_EVERY} (changes made on a
 * network share by another machine raise no event here) the whole folder is walked again.
 *
 * <p>Thread-safe: updates run one at a time under a lock; searches share the latest reader
 * through a {@link SearcherManager}. The index writer is opened for each batch of changes and
 * committed once, so another process may use the same workspace between batches.
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
  /** "yes" on a document Baton wrote (see {@link BatonOutput}). */
  static final String OWN = "own";
  /** Path and stamp again as doc values: read at start without decompressing the texts. */
  static final String PATH_VALUE = "path_dv";
  static final String STAMP_VALUE = "stamp_dv";

  /** The longest time between two walks of the whole folder while a watcher runs. */
  static final Duration FULL_WALK_EVERY = Duration.ofSeconds(30);
  /** From this size on the index is mapped into memory rather than read (see {@link #directory}). */
  static final long MAP_FROM_BYTES = 64L << 20;
  /** How long to wait for the watcher's marker before walking instead. */
  static final Duration MARK_WAIT = Duration.ofSeconds(2);
  /** Fewer changed files than this are read on the calling thread alone. */
  static final int PARALLEL_FROM = 32;
  private static final int MAX_THREADS = 4;
  private static final SyncReport NOTHING = new SyncReport(0, 0, 0);
  private static final Pattern LINES = Pattern.compile("\\R");
  private static final Pattern HEADING = Pattern.compile("^#+\\s*");

  private final Workspace workspace;
  private final Path root;
  private final DocumentReader reader;
  private final ZoneId zone;
  /** Analysis for indexing and queries alike; Lucene analyzers are shared between threads. */
  static final Analyzer ANALYZER = new FoldingAnalyzer();
  /** How long an update waits for another process that holds the index for writing. */
  static final Duration WRITER_WAIT = Duration.ofSeconds(60);

  private final Analyzer analyzer = ANALYZER;
  private final Directory directory;
  private final IndexLock writers;
  private final SearcherManager searchers;
  /** Indexed path → stamp (modification time and size); sorted, so a folder is one range. */
  private final NavigableMap<String, String> stamps = new TreeMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final long fullWalkEvery;
  private FolderWatcher watcher;
  /** The commit this process last read or wrote; another means another process committed. */
  private long generation;
  private boolean walked;
  private long lastWalk;
  private int walks;

  WorkspaceIndex(Workspace workspace, DocumentReader reader, ZoneId zone) {
    this(workspace, reader, zone, true, FULL_WALK_EVERY);
  }

  /**
   * @param watch use change notifications; false walks the whole folder before every search
   * @param fullWalkEvery the longest time between two walks of the whole folder
   */
  WorkspaceIndex(Workspace workspace, DocumentReader reader, ZoneId zone, boolean watch,
      Duration fullWalkEvery) {
    this.workspace = workspace;
    this.root = workspace.root();
    this.reader = reader;
    this.zone = zone;
    this.fullWalkEvery = fullWalkEvery.toNanos();
    try {
      Path folder = root.resolve(Workspace.PRIVATE).resolve("index");
      Files.createDirectories(folder);
      this.directory = directory(folder);
      this.writers = IndexLock.on(root.resolve(Workspace.PRIVATE).resolve("index.lock"));
      if (!DirectoryReader.indexExists(directory)) {
        // why: several processes may open a new workspace at once; one creates the index
        try (IndexLock.Held held = writers.acquire(WRITER_WAIT)) {
          if (!DirectoryReader.indexExists(directory)) {
            try (IndexWriter w = writer()) {
              w.commit();
            }
          }
        }
      }
      this.searchers = new SearcherManager(directory, null);
      loadStamps();
      this.generation = generation();
    } catch (IOException e) {
      throw ToolFailure.retryable("cannot open the search index of the workspace ("
          + e.getMessage() + ")", e);
    }
    this.watcher = watch ? FolderWatcher.open(root.resolve(".baton")).orElse(null) : null;
  }

  /**
   * The index's files: read with plain reads while the index is small, mapped into memory (what
   * Lucene prefers on 64-bit systems) from {@link #MAP_FROM_BYTES} on.
   */
  static Directory directory(Path folder) throws IOException {
    // why: the first mapped index in a process sets up Lucene's native calls (madvise), about
    // 0.05 s, a tenth of a short command such as `baton plan`; a small index gains nothing from
    // mapping that the file system's cache does not already give
    long bytes = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path f : files) {
        try {
          BasicFileAttributes attrs = Files.readAttributes(f, BasicFileAttributes.class,
              LinkOption.NOFOLLOW_LINKS);
          bytes += attrs.isRegularFile() ? attrs.size() : 0;
        } catch (NoSuchFileException e) {
          // why: another process merged segments and deleted this file meanwhile
        }
      }
    }
    return bytes < MAP_FROM_BYTES ? new NIOFSDirectory(folder) : FSDirectory.open(folder);
  }

  Analyzer analyzer() {
    return analyzer;
  }

  /** What a sync did: files (re)indexed, removed, and of those indexed, how many unreadable. */
  record SyncReport(int added, int removed, int unreadable) {}

  /** A search over one consistent view of the index. */
  interface SearchFunction<T> {
    T search(IndexSearcher searcher) throws IOException;
  }

  /** Brings the index up to date with the folder, then runs the search. */
  <T> T search(SearchFunction<T> function) throws IOException {
    update();
    // why: another process may have committed since; a search sees its documents too
    searchers.maybeRefreshBlocking();
    IndexSearcher searcher = searchers.acquire();
    try {
      return function.search(searcher);
    } finally {
      searchers.release(searcher);
    }
  }

  /** Whether a watcher reports changes (else every search walks the folder). */
  boolean watching() {
    lock.lock();
    try {
      return watcher != null;
    } finally {
      lock.unlock();
    }
  }

  /** How many times the whole folder was walked (for tests). */
  int walks() {
    lock.lock();
    try {
      return walks;
    } finally {
      lock.unlock();
    }
  }

  /** Brings the index up to date: the changed paths the watcher reports, else a full walk. */
  SyncReport update() {
    lock.lock();
    try {
      if (watcher == null || !walked || System.nanoTime() - lastWalk >= fullWalkEvery) {
        return walkAndSync();
      }
      FolderWatcher.Changes changes = watcher.changes(MARK_WAIT);
      if (!changes.complete()) {
        return walkAndSync();
      }
      if (changes.paths().isEmpty()) {
        return NOTHING;
      }
      // why: the events are consumed now; should this update fail, the next one walks
      walked = false;
      SyncReport report = syncPaths(changes.paths());
      walked = true;
      return report;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ToolFailure.retryable("interrupted while updating the search index", e);
    } catch (IOException | UncheckedIOException e) {
      throw ToolFailure.retryable("cannot update the search index of the workspace", e);
    } finally {
      lock.unlock();
    }
  }

  /** Walks the whole folder: re-reads new and changed files and drops deleted ones. */
  SyncReport sync() {
    lock.lock();
    try {
      return walkAndSync();
    } catch (IOException | UncheckedIOException e) {
      throw ToolFailure.retryable("cannot update the search index of the workspace", e);
    } finally {
      lock.unlock();
    }
  }

  /** A readable file found in the folder. */
  private record Found(String relative, Path file, String stamp, Instant modified) {}

  private SyncReport walkAndSync() throws IOException {
    if (watcher != null) {
      // why: the walk sees every change the pending events are about
      watcher.discard();
    }
    long started = System.nanoTime();
    walks++;
    Map<String, Found> found = new HashMap<>();
    walk(root, found);
    List<Found> changed = new ArrayList<>();
    for (Found f : found.values()) {
      if (!f.stamp().equals(stamps.get(f.relative()))) {
        changed.add(f);
      }
    }
    List<String> removed = stamps.keySet().stream().filter(p -> !found.containsKey(p)).toList();
    SyncReport report = apply(changed, removed);
    walked = true;
    lastWalk = started;
    return report;
  }

  /** Looks at the paths the watcher named (files or folders, present or gone) and only those. */
  private SyncReport syncPaths(Set<Path> paths) throws IOException {
    Set<String> removed = new LinkedHashSet<>();
    Map<String, Found> changed = new LinkedHashMap<>();
    List<Path> folders = new ArrayList<>();
    // why: drop what is gone before watching what is new, so that a folder moved within the
    // workspace is watched under its new name, whatever order the events came in
    for (Path path : paths) {
      if (!path.startsWith(root) || path.equals(root) || hidden(workspace.relative(path))
          || workspace.reserved(path)) {
        continue;
      }
      String relative = workspace.relative(path);
      BasicFileAttributes attrs = attributes(path);
      if (attrs != null && attrs.isDirectory()) {
        folders.add(path);
        continue;
      }
      // a file now, or nothing: whatever was indexed below this name is gone
      removed.addAll(indexedUnder(relative));
      if (watcher != null) {
        watcher.forget(path);
      }
      if (attrs != null && attrs.isRegularFile() && DocumentReader.readable(path)) {
        changed.put(relative, found(relative, path, attrs));
      } else if (stamps.containsKey(relative)) {
        removed.add(relative);
      }
    }
    for (Path folder : folders) {
      Map<String, Found> inside = new HashMap<>();
      walk(folder, inside);
      for (String indexed : indexedUnder(workspace.relative(folder))) {
        if (!inside.containsKey(indexed)) {
          removed.add(indexed);
        }
      }
      for (Found f : inside.values()) {
        if (!f.stamp().equals(stamps.get(f.relative()))) {
          changed.put(f.relative(), f);
        }
      }
    }
    removed.removeAll(changed.keySet());
    return apply(changed.values(), removed);
  }

  /** The indexed paths inside a folder of this relative path. */
  private Collection<String> indexedUnder(String folder) {
    // why: '0' follows '/', so this range is exactly the paths that start with folder + "/"
    return new ArrayList<>(stamps.subMap(folder + "/", true, folder + "0", false).keySet());
  }

  private static BasicFileAttributes attributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Writes the changes in one batch and one commit, then makes them visible to searches. Only one
   * process writes at a time: the others wait for the index lock (up to {@link #WRITER_WAIT}), and
   * if another process committed meanwhile, what it already indexed is not indexed again.
   */
  private SyncReport apply(Collection<Found> changed, Collection<String> removed)
      throws IOException {
    if (changed.isEmpty() && removed.isEmpty()) {
      return NOTHING;
    }
    try (IndexLock.Held held = writers.acquire(WRITER_WAIT)) {
      long now = generation();
      if (now != generation) {
        // why: another process committed; learn what the index holds now
        searchers.maybeRefreshBlocking();
        stamps.clear();
        loadStamps();
        generation = now;
        changed = changed.stream().filter(f -> !f.stamp().equals(stamps.get(f.relative())))
            .toList();
        removed = removed.stream().filter(stamps::containsKey).toList();
        if (changed.isEmpty() && removed.isEmpty()) {
          return NOTHING;
        }
      }
      int unreadable;
      IndexWriter w = writer();
      try {
        for (String p : removed) {
          w.deleteDocuments(new Term(PATH, p));
        }
        unreadable = index(w, new ArrayList<>(changed));
        w.commit();
      } catch (Throwable t) {
        // why: nothing half-done reaches the index; the stamps still say what it holds
        try {
          w.rollback();
        } catch (IOException | RuntimeException e) {
          t.addSuppressed(e);
        }
        throw t;
      }
      w.close();
      generation = generation();
      for (String p : removed) {
        stamps.remove(p);
      }
      for (Found f : changed) {
        stamps.put(f.relative(), f.stamp());
      }
      searchers.maybeRefreshBlocking();
      return new SyncReport(changed.size(), removed.size(), unreadable);
    }
  }

  /** The generation of the index's last commit, as the folder holds it now. */
  private long generation() throws IOException {
    return SegmentInfos.getLastCommitGeneration(directory);
  }

  /**
   * Reads and adds the documents, on a few threads when there are many: reading and analysing
   * (ICU word breaking and folding) cost far more than writing, and IndexWriter takes documents
   * from several threads at once. Returns how many could not be read.
   */
  private int index(IndexWriter w, List<Found> files) throws IOException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger unreadable = new AtomicInteger();
    Callable<Void> worker = () -> {
      try {
        for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
          Found f = files.get(i);
          Document doc = document(f);
          if (doc.get(ERROR) != null) {
            unreadable.incrementAndGet();
          }
          // why: update, not add, so a document indexed by another process is not doubled
          w.updateDocument(new Term(PATH, f.relative()), doc);
        }
        return null;
      } catch (Throwable t) {
        next.set(files.size());
        throw t;
      }
    };
    int threads = files.size() < PARALLEL_FROM ? 1
        : Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
    try {
      if (threads == 1) {
        worker.call();
        return unreadable.get();
      }
      try (ExecutorService pool = Executors.newThreadPerTaskExecutor(
          Thread.ofPlatform().daemon().name("baton-index-", 0).factory())) {
        List<Future<Void>> done = pool.invokeAll(Collections.nCopies(threads, worker));
        for (Future<Void> f : done) {
          f.get();
        }
      }
      return unreadable.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while indexing the workspace");
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private Document document(Found f) {
    String relative = f.relative();
    Document doc = new Document();
    doc.add(new StringField(PATH, relative, Field.Store.YES));
    doc.add(new StringField(STAMP, f.stamp(), Field.Store.YES));
    doc.add(new BinaryDocValuesField(PATH_VALUE, new BytesRef(relative)));
    doc.add(new BinaryDocValuesField(STAMP_VALUE, new BytesRef(f.stamp())));
    String folder = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/')) : "";
    for (String prefix = folder; !prefix.isEmpty();
        prefix = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "") {
      doc.add(new StringField(FOLDER, prefix, Field.Store.NO));
    }
    doc.add(new TextField(FOLDERS, folder.replace('/', ' ').replace('-', ' ').replace('_', ' '),
        Field.Store.NO));
    String text;
    LocalDate day;
    try {
      DocumentReader.Extracted extracted = reader.read(f.file(), () -> workspace.open(relative));
      text = extracted.text();
      day = DocumentDates.of(text, extracted.created(), f.modified(), zone);
    } catch (BatonException e) {
      text = "";
      day = f.modified().atZone(zone).toLocalDate();
      doc.add(new StoredField(ERROR, e.getMessage()));
    }
    doc.add(new TextField(TITLE, title(text, f.file()), Field.Store.YES));
    doc.add(new TextField(BODY, text, Field.Store.YES));
    doc.add(new StringField(OWN, BatonOutput.marked(text) ? "yes" : "no", Field.Store.NO));
    doc.add(new LongPoint(DAY, day.toEpochDay()));
    doc.add(new StoredField(DAY, day.toEpochDay()));
    doc.add(new NumericDocValuesField(DAY, day.toEpochDay()));
    return doc;
  }

  /** The first non-empty line without Markdown heading marks, else the file name. */
  static String title(String text, Path file) {
    // why: line by line as text.split("\\R", 20) would cut it, without copying the whole text
    Matcher breaks = LINES.matcher(text);
    int start = 0;
    for (int piece = 0; ; piece++) {
      boolean last = piece == 19 || !breaks.find();
      String line = last ? text.substring(start) : text.substring(start, breaks.start());
      String t = HEADING.matcher(line).replaceFirst("").strip();
      if (!t.isEmpty()) {
        return t.length() > 120 ? t.substring(0, 120) : t;
      }
      if (last) {
        return file.getFileName().toString();
      }
      start = breaks.end();
    }
  }

  /** Whether a workspace-relative path is hidden (a part starts with '.'); those are skipped. */
  static boolean hidden(String relative) {
    return relative.startsWith(".") || relative.contains("/.");
  }

  /** The stamp that tells a changed file: modification time (as fine as stored) and size. */
  private static String stamp(BasicFileAttributes attrs) {
    return attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS) + ":" + attrs.size();
  }

  private Found found(String relative, Path file, BasicFileAttributes attrs) {
    return new Found(relative, file, stamp(attrs), attrs.lastModifiedTime().toInstant());
  }

  /** Finds the readable files below {@code start} and watches each folder it walks. */
  private void walk(Path start, Map<String, Found> files) throws IOException {
    Files.walkFileTree(start, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(root) && (dir.getFileName().toString().startsWith(".")
            || workspace.reserved(dir))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        watch(dir, attrs.fileKey());
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")
            && DocumentReader.readable(file)) {
          String relative = workspace.relative(file);
          files.put(relative, found(relative, file, attrs));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) {
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Watches a folder; if the system refuses (too many watches), walks before every search. */
  private void watch(Path dir, Object fileKey) {
    if (watcher == null) {
      return;
    }
    try {
      watcher.watch(dir, fileKey);
    } catch (IOException e) {
      watcher.close();
      watcher = null;
    }
  }

  private void loadStamps() throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        StoredFields leafFields = leaf.reader().storedFields();
        BinaryDocValues paths = leaf.reader().getBinaryDocValues(PATH_VALUE);
        BinaryDocValues stampValues = leaf.reader().getBinaryDocValues(STAMP_VALUE);
        for (int i = 0; i < leaf.reader().maxDoc(); i++) {
          if (live != null && !live.get(i)) {
            continue;
          }
          if (paths != null && stampValues != null && paths.advanceExact(i)
              && stampValues.advanceExact(i)) {
            stamps.put(paths.binaryValue().utf8ToString(),
                stampValues.binaryValue().utf8ToString());
          } else {
            // why: documents indexed before the doc values were added
            Document d = leafFields.document(i, Set.of(PATH, STAMP));
            stamps.put(d.get(PATH), d.get(STAMP));
          }
        }
      }
    } finally {
      searchers.release(searcher);
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
      if (watcher != null) {
        watcher.close();
        watcher = null;
      }
      searchers.close();
      directory.close();
    } finally {
      lock.unlock();
    }
  }
}
