package dev.baton.tools.workspace;

import dev.baton.core.error.BatonException;
import dev.baton.core.text.Visible;
import dev.baton.core.tool.ToolFailure;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The folder the agents work in, and the only way tools touch it. Every path a tool receives is
 * relative to it and must stay inside it: absolute paths and {@code ..} segments are refused, and
 * so is Baton's own data (the {@code .baton} folder inside the workspace, with the search index,
 * and the data folder with the database, configuration and keys, if it lies inside).
 *
 * <p>Without a race: the workspace folder is opened once, and every read, write, listing and
 * temporary file is resolved one name at a time relative to an opened directory, never following
 * a symbolic link ({@link SecureDirectoryStream} with {@link LinkOption#NOFOLLOW_LINKS}, that is
 * {@code openat} with {@code O_NOFOLLOW} per component). A folder swapped for a link between a
 * check and a write therefore makes the write fail; it cannot make it land outside. Links inside
 * the workspace are not followed either, wherever they point. Needs a file system with secure
 * directory streams (Linux and other Unix systems); elsewhere opening a workspace fails.
 *
 * <p>Thread-safe. Close it to release the opened folder.
 */
public final class Workspace implements Closeable {
  /** Baton's own folder inside a workspace (the search index); never reachable through tools. */
  public static final String PRIVATE = ".baton";
  private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ,
      LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW,
      StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  /** The largest file a tool reads whole. */
  public static final long MAX_READ = 256L * 1024 * 1024;

  private final Path root;
  private final SecureDirectoryStream<Path> top;
  private final List<Path> reserved;

  /** Opens (and creates if missing) the workspace folder. */
  public Workspace(Path folder) {
    this(folder, List.of());
  }

  /**
   * Opens (and creates if missing) the workspace folder.
   *
   * @param reserved folders that tools must never reach even when they lie inside the workspace
   *     (Baton's data folder); those outside it are ignored
   */
  public Workspace(Path folder, Collection<Path> reserved) {
    try {
      Files.createDirectories(folder);
      this.root = folder.toRealPath();
      DirectoryStream<Path> opened = Files.newDirectoryStream(root);
      if (!(opened instanceof SecureDirectoryStream<Path> secure)) {
        opened.close();
        throw new UncheckedIOException(new IOException("the file system of " + folder
            + " cannot open folders without following links; Baton needs Linux or another Unix"));
      }
      this.top = secure;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open workspace " + folder, e);
    }
    List<Path> r = new ArrayList<>();
    r.add(root.resolve(PRIVATE));
    for (Path p : reserved) {
      Path abs = real(p);
      if (abs.startsWith(root) && !abs.equals(root)) {
        r.add(abs);
      }
    }
    this.reserved = List.copyOf(r);
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  public Path root() {
    return root;
  }

  /**
   * The absolute path for a workspace-relative one, for naming and reporting; empty or {@code "."}
   * is the root itself. Only lexical: reading and writing go through this class's other methods,
   * which never follow links.
   *
   * @throws BatonException TOOL_FAILED (permanent) when the path is absolute, contains {@code ..}
   *     or names Baton's own data
   */
  public Path resolve(String relative) {
    return root.resolve(String.join("/", parts(relative)));
  }

  /** Whether the path is Baton's own data (refused to tools). */
  public boolean reserved(Path absolute) {
    Path p = absolute.toAbsolutePath().normalize();
    return reserved.stream().anyMatch(p::startsWith);
  }

  /** The workspace-relative form of an absolute path inside it, with '/' separators. */
  public String relative(Path absolute) {
    return root.relativize(absolute).toString().replace('\\', '/');
  }

  /** The names from the root down to the file, checked; empty for the root itself. */
  List<String> parts(String relative) {
    String text = relative == null ? "" : relative.strip();
    if (text.isEmpty() || text.equals(".")) {
      return List.of();
    }
    if (text.startsWith("/") || text.startsWith("\\") || text.matches("^[A-Za-z]:.*")
        || text.indexOf('\0') >= 0) {
      throw refused(text, "absolute paths are not allowed; give a path inside the workspace");
    }
    Path path;
    try {
      path = Path.of(text.replace('\\', '/'));
    } catch (InvalidPathException e) {
      throw refused(text, "not a valid path: " + e.getReason());
    }
    List<String> names = new ArrayList<>();
    for (Path part : path) {
      String name = part.toString();
      if (name.equals("..")) {
        throw refused(text, "'..' is not allowed; paths stay inside the workspace");
      }
      if (!name.equals(".") && !name.isEmpty()) {
        names.add(name);
      }
    }
    Path full = root.resolve(String.join("/", names)).normalize();
    if (!full.startsWith(root)) {
      throw refused(text, "the path leads outside the workspace");
    }
    if (reserved(full)) {
      throw refused(text, "that is Baton's own data (index, database, configuration, keys),"
          + " which tools may not read or write");
    }
    return List.copyOf(names);
  }

  // --- reading

  /** What a name in the workspace is, seen without following links. */
  public enum Kind { FILE, FOLDER, LINK, OTHER }

  /** A file, folder or link as it is, not as what a link points to. */
  public record Entry(String path, Kind kind, long bytes, Instant modified) {}

  /** The entry at a path, not following links; empty when nothing is there. */
  public Optional<Entry> stat(String relative) {
    List<String> names = parts(relative);
    if (names.isEmpty()) {
      return Optional.of(new Entry("", Kind.FOLDER, 0, Instant.EPOCH));
    }
    try (Opened dir = openParent(names, false)) {
      return Optional.of(entry(dir.stream, names.getLast(), String.join("/", names)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure(relative, e);
    }
  }

  /** Whether something (a file, folder or link) is at the path. */
  public boolean exists(String relative) {
    return stat(relative).isPresent();
  }

  /**
   * The bytes of a regular file.
   *
   * @throws BatonException TOOL_FAILED (permanent) when it is missing, not a file, a link, or on
   *     the way through a link
   */
  public byte[] read(String relative) {
    try (InputStream in = open(relative)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > MAX_READ) {
          throw ToolFailure.permanent("'" + Visible.quote(relative) + "' is larger than "
              + (MAX_READ >> 20) + " MB");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw failure(relative, e);
    }
  }

  /** A regular file's bytes, or empty when nothing is there. */
  public Optional<byte[]> readIfPresent(String relative) {
    return exists(relative) ? Optional.of(read(relative)) : Optional.empty();
  }

  /**
   * Opens a regular file for reading, never through a link; the caller closes the stream.
   *
   * @throws BatonException TOOL_FAILED (permanent) as {@link #read}
   */
  public InputStream open(String relative) {
    List<String> names = parts(relative);
    if (names.isEmpty()) {
      throw refused(relative, "the workspace itself is a folder, not a file");
    }
    Opened dir = null;
    try {
      dir = openParent(names, false);
      String name = names.getLast();
      Entry e = entry(dir.stream, name, relative);
      if (e.kind() != Kind.FILE) {
        throw notAFile(relative, e.kind());
      }
      SeekableByteChannel ch = dir.stream.newByteChannel(Path.of(name), READ);
      Opened held = dir;
      dir = null;
      return new java.io.FilterInputStream(Channels.newInputStream(ch)) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            held.close();
          }
        }
      };
    } catch (IOException e) {
      throw failure(relative, e);
    } finally {
      if (dir != null) {
        dir.closeQuietly();
      }
    }
  }

  // --- listing

  /**
   * The entries of a folder (everything below it with {@code recursive}), sorted by path. Links
   * are listed as links, with their own time and no size: what they point to is never looked at,
   * so a dangling link lists like any other. Hidden names (starting with '.') are left out.
   */
  public List<Entry> list(String folder, boolean recursive) {
    List<String> names = parts(folder);
    List<Entry> out = new ArrayList<>();
    try (Opened dir = openDir(names, false)) {
      collect(dir.stream, String.join("/", names), recursive, out);
    } catch (NotDirectoryException e) {
      throw ToolFailure.permanent("'" + Visible.quote(folder) + "' is not a folder in the"
          + " workspace");
    } catch (IOException e) {
      throw failure(folder, e);
    }
    out.sort(Comparator.comparing(Entry::path));
    return out;
  }

  private void collect(SecureDirectoryStream<Path> dir, String prefix, boolean recursive,
      List<Entry> out) throws IOException {
    List<String> children = new ArrayList<>();
    // why: a stream may be iterated once; a fresh handle on the same folder for that
    try (SecureDirectoryStream<Path> iterate = dir.newDirectoryStream(Path.of("."),
        LinkOption.NOFOLLOW_LINKS)) {
      for (Path child : iterate) {
        children.add(child.getFileName().toString());
      }
    }
    for (String name : children) {
      if (name.startsWith(".")) {
        continue;
      }
      String path = prefix.isEmpty() ? name : prefix + "/" + name;
      if (reserved(root.resolve(path))) {
        continue;
      }
      Entry e;
      try {
        e = entry(dir, name, path);
      } catch (NoSuchFileException gone) {
        continue;
      }
      out.add(e);
      if (recursive && e.kind() == Kind.FOLDER) {
        try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(Path.of(name),
            LinkOption.NOFOLLOW_LINKS)) {
          collect(sub, path, true, out);
        } catch (FileSystemException swapped) {
          // why: it changed while we looked (removed, or swapped for a link): not followed
        }
      }
    }
  }

  private static Entry entry(SecureDirectoryStream<Path> dir, String name, String path)
      throws IOException {
    BasicFileAttributes a = dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS).readAttributes();
    Kind kind = a.isSymbolicLink() ? Kind.LINK : a.isDirectory() ? Kind.FOLDER
        : a.isRegularFile() ? Kind.FILE : Kind.OTHER;
    return new Entry(path, kind, kind == Kind.FILE ? a.size() : 0,
        a.lastModifiedTime().toInstant());
  }

  // --- writing

  /** What a write does when the name is taken. */
  public enum IfExists {
    /** Replace the file, atomically. */
    REPLACE,
    /** Fail with {@link FileAlreadyExistsException}: the name is left to whoever has it. */
    FAIL
  }

  /**
   * Writes a file so that readers and crashes see the old content or the new, never a torn file:
   * the bytes go to a new temporary file beside the target (created with {@code O_EXCL} and
   * {@code O_NOFOLLOW}), are forced to disk, then renamed over the target relative to the opened
   * folder. Missing folders are created the same way. A link in the way, at any level, fails it.
   *
   * @throws FileAlreadyExistsException with {@link IfExists#FAIL} when the name is taken
   * @throws BatonException TOOL_FAILED (permanent) when the path is refused or a link is in the way
   */
  public void write(String relative, byte[] content, IfExists ifExists) throws IOException {
    List<String> names = parts(relative);
    if (names.isEmpty()) {
      throw refused(relative, "the workspace itself is a folder, not a file");
    }
    String name = names.getLast();
    try (Opened dir = openParent(names, true)) {
      Path target = Path.of(name);
      if (ifExists == IfExists.FAIL) {
        // why: claims the name first (O_EXCL), so two writers never take the same one; the
        // content then replaces this empty claim atomically
        dir.stream.newByteChannel(target, CREATE).close();
      }
      Path temp = Path.of("." + shortened(name) + "." + UUID.randomUUID() + ".tmp");
      boolean moved = false;
      try {
        try (SeekableByteChannel ch = dir.stream.newByteChannel(temp, CREATE)) {
          ByteBuffer buf = ByteBuffer.wrap(content);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          if (ch instanceof FileChannel fc) {
            fc.force(true);
          }
        }
        dir.stream.move(temp, dir.stream, target);
        moved = true;
      } finally {
        if (!moved) {
          try {
            dir.stream.deleteFile(temp);
          } catch (IOException ignored) {
            // why: the failure being reported matters more than a leftover hidden file
          }
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException e) {
      throw failure(relative, e);
    }
  }

  /** A confined file in this workspace, for back ends that keep their data in one file. */
  public StoredFile file(String relative) {
    parts(relative);
    Workspace self = this;
    return new StoredFile() {
      @Override
      public String name() {
        return relative;
      }

      @Override
      public Optional<byte[]> read() {
        return self.readIfPresent(relative);
      }

      @Override
      public void write(byte[] content) throws IOException {
        self.write(relative, content, IfExists.REPLACE);
      }
    };
  }

  private static String shortened(String name) {
    return name.length() <= 40 ? name : name.substring(0, 40);
  }

  // --- opening folders one name at a time

  /** An opened folder; the root is shared and never closed here. */
  private final class Opened implements Closeable {
    final SecureDirectoryStream<Path> stream;

    Opened(SecureDirectoryStream<Path> stream) {
      this.stream = stream;
    }

    @Override
    public void close() throws IOException {
      if (stream != top) {
        stream.close();
      }
    }

    void closeQuietly() {
      try {
        close();
      } catch (IOException ignored) {
        // why: only a handle to let go of
      }
    }
  }

  private Opened openParent(List<String> names, boolean create) throws IOException {
    return openDir(names.subList(0, names.size() - 1), create);
  }

  private Opened openDir(List<String> names, boolean create) throws IOException {
    SecureDirectoryStream<Path> dir = top;
    try {
      for (String name : names) {
        SecureDirectoryStream<Path> next;
        try {
          next = dir.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          if (!create) {
            throw e;
          }
          makeFolder(dir, name);
          next = dir.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
        }
        if (dir != top) {
          dir.close();
        }
        dir = next;
      }
      return new Opened(dir);
    } catch (IOException | RuntimeException e) {
      if (dir != top) {
        dir.close();
      }
      throw e;
    }
  }

  /**
   * Creates folder {@code name} in {@code parent} without following a link: Java has no
   * {@code mkdirat}, so the folder is made under a unique hidden name directly in the (opened)
   * workspace root, then renamed into place relative to both opened folders.
   */
  private void makeFolder(SecureDirectoryStream<Path> parent, String name) throws IOException {
    String temp = ".baton-folder-" + UUID.randomUUID();
    // why: one name under the workspace root, whose path was resolved once when it was opened
    Files.createDirectory(root.resolve(temp));
    try {
      top.move(Path.of(temp), parent, Path.of(name));
    } catch (FileSystemException e) {
      // why: someone made it meanwhile (fine, if it is a folder: the next open checks), or a
      // link or file took the name (the next open fails on it)
      try {
        Files.deleteIfExists(root.resolve(temp));
      } catch (IOException ignored) {
        // why: an empty hidden folder left behind is harmless
      }
    }
  }

  // --- errors

  private static BatonException failure(String relative, IOException e) {
    String path = Visible.quote(relative);
    if (e instanceof NoSuchFileException) {
      return ToolFailure.permanent("'" + path + "' does not exist in the workspace", e);
    }
    if (e instanceof NotDirectoryException) {
      return ToolFailure.permanent("'" + path + "': a part of the path is not a folder", e);
    }
    String reason = String.valueOf(e.getMessage());
    if (reason.contains("symbolic link") || reason.contains("Too many levels")) {
      return refused(relative, "a symbolic link is in the way; Baton does not follow links in"
          + " the workspace");
    }
    return ToolFailure.permanent("cannot use '" + path + "': " + reason, e);
  }

  private static BatonException notAFile(String relative, Kind kind) {
    return switch (kind) {
      case LINK -> refused(relative, "it is a symbolic link; Baton does not follow links in the"
          + " workspace");
      case FOLDER -> ToolFailure.permanent("'" + Visible.quote(relative) + "' is a folder, not a"
          + " file");
      default -> ToolFailure.permanent("'" + Visible.quote(relative) + "' is not a regular file");
    };
  }

  private static BatonException refused(String path, String why) {
    return ToolFailure.permanent("path '" + Visible.quote(path) + "' refused: " + why);
  }

  @Override
  public void close() {
    try {
      top.close();
    } catch (IOException ignored) {
      // why: only a handle to let go of
    }
  }
}
