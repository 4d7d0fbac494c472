package dev.baton.tools.files;

import dev.baton.core.tool.ToolFailure;
import dev.baton.tools.text.Folding;
import dev.baton.tools.text.Words;
import dev.baton.tools.workspace.Workspace;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/** The workspace folder as a drive: Lucene for search, Tika for reading. */
public final class LuceneFolderDrive implements Drive, Closeable {
  static final int SNIPPET = 180;

  private final Workspace workspace;
  private final DocumentReader reader = new DocumentReader();
  private final ZoneId zone;
  private final boolean watch;
  private final Duration fullWalkEvery;
  private final ReentrantLock opening = new ReentrantLock();
  private volatile WorkspaceIndex index;

  /**
   * A drive on the workspace. The search index is opened on the first search, not here: commands
   * and plans that never search pay nothing for it, and several processes on one data folder do
   * not contend for it unless they search.
   */
  public LuceneFolderDrive(Workspace workspace, ZoneId zone) {
    this(workspace, zone, true, WorkspaceIndex.FULL_WALK_EVERY);
  }

  /**
   * For tests: without change notifications ({@code watch} false) every search walks the whole
   * folder; with them, the whole folder is walked at least every {@code fullWalkEvery}.
   */
  LuceneFolderDrive(Workspace workspace, ZoneId zone, boolean watch, Duration fullWalkEvery) {
    this.workspace = workspace;
    this.zone = zone;
    this.watch = watch;
    this.fullWalkEvery = fullWalkEvery;
  }

  /**
   * Walks the whole folder and brings the index up to date now (searches keep it up to date
   * themselves, more cheaply); returns the number of files (re)indexed.
   */
  public int refresh() {
    return index().sync().added();
  }

  /** Whether the search index has been opened (it is, on the first search). */
  public boolean indexOpen() {
    return index != null;
  }

  WorkspaceIndex index() {
    WorkspaceIndex i = index;
    if (i != null) {
      return i;
    }
    opening.lock();
    try {
      if (index == null) {
        index = new WorkspaceIndex(workspace, reader, zone, watch, fullWalkEvery);
      }
      return index;
    } finally {
      opening.unlock();
    }
  }

  @Override
  public List<Hit> search(Search q) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    Set<String> terms = terms(q.words());
    if (terms.isEmpty()) {
      b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
    } else {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      for (String t : terms) {
        any.add(new TermQuery(new Term(WorkspaceIndex.BODY, t)), BooleanClause.Occur.SHOULD);
        any.add(new BoostQuery(new TermQuery(new Term(WorkspaceIndex.TITLE, t)), 2f),
            BooleanClause.Occur.SHOULD);
        any.add(new TermQuery(new Term(WorkspaceIndex.FOLDERS, t)), BooleanClause.Occur.SHOULD);
      }
      b.add(any.build(), BooleanClause.Occur.MUST);
    }
    if (q.from().isPresent() || q.to().isPresent()) {
      long lo = q.from().map(LocalDate::toEpochDay).orElse(Long.MIN_VALUE);
      long hi = q.to().map(LocalDate::toEpochDay).orElse(Long.MAX_VALUE);
      b.add(LongPoint.newRangeQuery(WorkspaceIndex.DAY, lo, hi), BooleanClause.Occur.FILTER);
    }
    if (q.folder().isPresent() && !q.folder().get().isBlank()) {
      String folder = workspace.relative(workspace.resolve(q.folder().get()));
      if (!folder.isEmpty()) {
        b.add(new TermQuery(new Term(WorkspaceIndex.FOLDER, folder)), BooleanClause.Occur.FILTER);
      }
    }
    if (!q.includeOwn()) {
      // why: "what did we do" is people's work; Baton's own agendas and summaries are not
      b.add(new TermQuery(new Term(WorkspaceIndex.OWN, "yes")), BooleanClause.Occur.MUST_NOT);
    }
    Query query = b.build();
    try {
      return index().search(searcher -> {
        TopDocs top = terms.isEmpty()
            ? searcher.search(query, q.limit(), new Sort(new SortField(WorkspaceIndex.DAY,
                SortField.Type.LONG, true)))
            : searcher.search(query, q.limit());
        List<Hit> hits = new ArrayList<>();
        var stored = searcher.storedFields();
        for (ScoreDoc sd : top.scoreDocs) {
          Document d = stored.document(sd.doc);
          hits.add(new Hit(d.get(WorkspaceIndex.PATH), d.get(WorkspaceIndex.TITLE),
              LocalDate.ofEpochDay(d.getField(WorkspaceIndex.DAY).numericValue().longValue())
                  .toString(),
              snippet(d.get(WorkspaceIndex.BODY), q.words()),
              Float.isNaN(sd.score) ? 0 : Math.round(sd.score * 1000) / 1000.0));
        }
        return hits;
      });
    } catch (IOException e) {
      throw ToolFailure.retryable("the search index could not be read", e);
    }
  }

  /** The analysed terms of the query, as the index holds them. */
  private Set<String> terms(String words) {
    Set<String> out = new LinkedHashSet<>();
    if (words == null || words.isBlank()) {
      return out;
    }
    try (TokenStream ts = WorkspaceIndex.ANALYZER.tokenStream(WorkspaceIndex.BODY, words)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String snippet(String body, String words) {
    if (body == null || body.isEmpty()) {
      return "";
    }
    // why: lower-casing and final-letter mapping keep offsets, so matches map back to the original
    String haystack = Folding.finalsToOrdinary(body).toLowerCase(java.util.Locale.ROOT);
    int at = -1;
    for (String w : words == null ? List.<String>of() : Words.of(words)) {
      int i = haystack.indexOf(w);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
      }
    }
    int start = Math.max(0, at < 0 ? 0 : at - SNIPPET / 3);
    int end = Math.min(body.length(), start + SNIPPET);
    return body.substring(start, end).replaceAll("\\s+", " ").strip();
  }

  /**
   * The workspace's own listing: links are listed as links (their own time, no size), never
   * followed, so nothing of what they point to leaks and a dangling one lists like any other.
   */
  @Override
  public List<Entry> list(String folder, boolean recursive) {
    return workspace.list(folder, recursive).stream()
        .map(e -> new Entry(e.path(), e.kind() == Workspace.Kind.FOLDER,
            e.kind() == Workspace.Kind.LINK, e.bytes(),
            e.modified().atZone(zone).toLocalDateTime().toString()))
        .toList();
  }

  @Override
  public Text read(String path) {
    String relative = workspace.relative(workspace.resolve(path));
    Workspace.Entry entry = workspace.stat(relative).orElseThrow(() -> ToolFailure.permanent(
        "'" + dev.baton.core.text.Visible.quote(path) + "' is not a file in the workspace"));
    if (entry.kind() != Workspace.Kind.FILE) {
      throw ToolFailure.permanent("'" + dev.baton.core.text.Visible.quote(path) + "' is not a"
          + " file in the workspace" + (entry.kind() == Workspace.Kind.LINK
              ? " (it is a symbolic link; Baton does not follow links in the workspace)" : ""));
    }
    DocumentReader.Extracted extracted = reader.read(workspace.resolve(relative),
        () -> workspace.open(relative));
    LocalDate day = DocumentDates.of(extracted.text(), extracted.created(), entry.modified(),
        zone);
    return new Text(relative, extracted.text(), day.toString());
  }

  @Override
  public void close() throws IOException {
    WorkspaceIndex i = index;
    if (i != null) {
      i.close();
    }
  }
}
